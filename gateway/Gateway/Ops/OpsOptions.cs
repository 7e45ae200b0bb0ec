namespace RehabPlatform.Gateway;

/// <summary>Bound from "Gateway:Ops": where the ops summary reads queue depths, and how much history the dashboard keeps.</summary>
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

    /// <summary>How often the gateway records a summary for the dashboard's charts; zero records none.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How far back the charts reach; older summaries are dropped (production keeps the long view in Prometheus and Grafana).</summary>
    public TimeSpan HistoryWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A Prometheus that already scrapes the services (for example http://prometheus:9090): when set, the charts read the
    /// last hour from it instead of the gateway's memory, which then serves only while Prometheus cannot answer.
    /// </summary>
    public Uri? PrometheusUrl { get; set; }

    /// <summary>The Prometheus job of each service when it is not the service's own name (deploy/grafana/prometheus.yml uses the names).</summary>
    public Dictionary<string, string> PrometheusJobs { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The window of rate() and histogram_quantile(): at least four of Prometheus's scrape intervals.</summary>
    public TimeSpan PrometheusRateWindow { get; set; } = TimeSpan.FromMinutes(1);
}
