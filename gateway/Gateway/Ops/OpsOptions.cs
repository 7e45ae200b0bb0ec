namespace RehabPlatform.Gateway;

/// <summary>Bound from "Gateway:Ops": where the ops page reads queue depths.</summary>
public sealed class OpsOptions
{
    /// <summary>RabbitMQ management API (for example http://rabbitmq:15672); unset, the page shows no queues.</summary>
    public Uri? BrokerManagementUrl { get; set; }

    public string BrokerUserName { get; set; } = "guest";

    public string BrokerPassword { get; set; } = "guest";

    /// <summary>The virtual host the services use.</summary>
    public string BrokerVirtualHost { get; set; } = "/";

    /// <summary>An outbox row older than this is reported as needing attention.</summary>
    public TimeSpan OutboxAgeWarning { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
