using System.Reflection;
using System.Runtime.Loader;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace RehabPlatform.SystemTests;

/// <summary>
/// deploy/kubernetes against the Kubernetes API schemas and against the apps themselves: every probe is a path the
/// app answers on a port it listens on, every Service and scrape annotation names a declared port, and every
/// environment name is a setting the app reads. The apps run as the platform starts them (with the portal).
/// </summary>
public sealed class DeploymentManifestTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string Folder = Path.Combine(TestEnvironment.RepositoryRoot, "deploy", "kubernetes");
    private readonly Platform _platform = new() { WithPortal = true };

    public Task InitializeAsync() => _platform.InitializeAsync();

    public Task DisposeAsync() => _platform.DisposeAsync();

    [Fact]
    public async Task The_Kubernetes_manifests_are_valid_against_the_Kubernetes_API_schemas()
    {
        var result = await TestEnvironment.RunScriptAsync("deploy/kubernetes/validate.sh");
        output.WriteLine(result);
        var summary = result.Trim().Split('\n')[^1];
        TestEnvironment.Report("Kubernetes manifests: " + summary);
        Assert.Matches(@"^\d+ objects in \d+ manifests checked", summary);
    }

    [Fact]
    public async Task Every_probe_is_a_path_the_app_answers_on_a_port_it_listens_on()
    {
        var checkedProbes = 0;
        foreach (var deployment in Objects("Deployment"))
        {
            var app = Name(deployment);
            var container = Containers(deployment).Single();
            var ports = ContainerPorts(container);
            Assert.True(ports.ContainsKey("http"), $"{app} declares its http port");
            Assert.All(ports.Values, port => Assert.Contains(port, ListeningPorts(container)));
            foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
            {
                var get = (YamlMappingNode)Child(Child(container, probe), "httpGet");
                var path = Text(get, "path");
                Assert.True(ports.ContainsKey(Text(get, "port")), $"{app} {probe} names a declared port");
                using var direct = new HttpClient { BaseAddress = _platform.ServiceAddress(app) };
                var response = await direct.GetAsync(path.TrimStart('/'));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{app} answers its {probe} {path} with {(int)response.StatusCode}");
                checkedProbes++;
            }
            // The portal exports no metrics (README, "Not yet"), so it has no scrape annotations.
            var template = (YamlMappingNode)Child(Child(Child(deployment, "spec"), "template"), "metadata");
            if (template.Children.TryGetValue(new YamlScalarNode("annotations"), out var annotations))
            {
                var scraped = int.Parse(Text(annotations, "prometheus.io/port"), System.Globalization.CultureInfo.InvariantCulture);
                Assert.Contains(scraped, ports.Values);
                if (EnvironmentOf(container).TryGetValue("Metrics__Port", out var metricsPort))
                    Assert.Equal(scraped, int.Parse(metricsPort!, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        foreach (var service in Objects("Service"))
        {
            var selected = Objects("Deployment").Single(d => Name(d) == Text((YamlMappingNode)Child(Child(service, "spec"), "selector"), "app.kubernetes.io/name"));
            var declared = ContainerPorts(Containers(selected).Single());
            foreach (YamlMappingNode port in (YamlSequenceNode)Child(Child(service, "spec"), "ports"))
                Assert.True(declared.ContainsKey(Text(port, "targetPort")), $"Service {Name(service)} targets a port {Name(selected)} declares");
        }
        TestEnvironment.Report($"Kubernetes manifests: {checkedProbes} probes answered 200 by the running apps; every Service and scrape port declared");
        Assert.Equal(12, checkedProbes);
    }

    [Fact]
    public void Every_environment_name_in_the_manifests_is_a_setting_the_app_reads()
    {
        var shared = Objects("ConfigMap").Single(c => Name(c) == "rehabplatform-settings");
        var sharedNames = ((YamlMappingNode)Child(shared, "data")).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
        var unread = new List<string>();
        var readers = sharedNames.ToDictionary(n => n, _ => 0);
        var count = 0;
        foreach (var deployment in Objects("Deployment"))
        {
            var app = Name(deployment);
            var settings = AppSettings.For(app);
            foreach (var name in EnvironmentOf(Containers(deployment).Single()).Keys)
            {
                count++;
                if (!settings.Reads(name))
                    unread.Add($"{app}: {name}");
            }
            foreach (var name in sharedNames.Where(settings.Reads))
                readers[name]++;
        }
        unread.AddRange(readers.Where(r => r.Value == 0).Select(r => $"rehabplatform-settings: {r.Key}"));
        TestEnvironment.Report($"Kubernetes manifests: {count} environment names in the Deployments and {sharedNames.Count} in the shared ConfigMap are settings the apps read");
        Assert.Empty(unread);
    }

    /// <summary>The configuration keys an app reads: its options classes (by their SectionName), and the keys it reads directly.</summary>
    private sealed class AppSettings
    {
        private static readonly string[] Runtime = ["ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS",
            "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_SERVICE_NAME"];

        // Read with IConfiguration directly (ServiceDefaults), not through an options class.
        private static readonly string[] Direct = ["Metrics:Port", "Storage:DataDirectory"];

        private readonly string _app;
        private readonly Dictionary<string, Type> _sections;
        private readonly HashSet<string> _clusters;

        private AppSettings(string app, Dictionary<string, Type> sections, HashSet<string> clusters)
        {
            _app = app;
            _sections = sections;
            _clusters = clusters;
        }

        public static AppSettings For(string app)
        {
            var project = app switch
            {
                "gateway" => "gateway/Gateway",
                "portal" => "gateway/Portal",
                _ => ServiceDefaults.PlatformServices.All.Single(s => s.Name == app).Project,
            };
            var folder = Path.Combine(TestEnvironment.RepositoryRoot, project);
            var context = new AppLoadContext(Platform.AppAssembly(project));
            var sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
            foreach (var assembly in context.AppAssemblies())
            {
                foreach (var type in LoadableTypes(assembly))
                {
                    if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field)
                        sections[(string)field.GetRawConstantValue()!] = type;
                }
            }
            var clusters = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (app == "gateway")
            {
                using var appsettings = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "appsettings.json")));
                foreach (var cluster in appsettings.RootElement.GetProperty("ReverseProxy").GetProperty("Clusters").EnumerateObject())
                    clusters.Add(cluster.Name);
            }
            return new AppSettings(app, sections, clusters);
        }

        public bool Reads(string environmentName)
        {
            if (Runtime.Contains(environmentName))
                return true;
            var key = environmentName.Replace("__", ":", StringComparison.Ordinal);
            var parts = key.Split(':');
            if (parts is ["ConnectionStrings", var database])
                return string.Equals(database, _app, StringComparison.OrdinalIgnoreCase);
            if (parts is ["ReverseProxy", "Clusters", var cluster, "Destinations", _, "Address"])
                return _clusters.Contains(cluster);
            if (Direct.Contains(key, StringComparer.OrdinalIgnoreCase))
                return true;
            // The longest section name that prefixes the key ("Intake:PatientApp" before "Intake"), then its properties.
            foreach (var (section, type) in _sections.OrderByDescending(s => s.Key.Length))
            {
                var sectionParts = section.Split(':');
                if (parts.Length > sectionParts.Length && parts.Take(sectionParts.Length).SequenceEqual(sectionParts, StringComparer.OrdinalIgnoreCase))
                    return HasPath(type, parts.Skip(sectionParts.Length).ToArray());
            }
            return false;
        }

        private static bool HasPath(Type type, string[] path)
        {
            if (path.Length == 0)
                return true;
            if (type.IsArray)
                return int.TryParse(path[0], out _) && HasPath(type.GetElementType()!, path[1..]);
            if (type.IsGenericType && type.GetGenericArguments() is { Length: 2 } keyValue && type.Name.Contains("Dictionary", StringComparison.Ordinal))
                return HasPath(keyValue[1], path[1..]);
            if (type.IsGenericType && type.GetGenericArguments() is [var element] && type.GetInterfaces().Any(i => i.Name == "IEnumerable`1") && type != typeof(string))
                return int.TryParse(path[0], out _) && HasPath(element, path[1..]);
            var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
                return false;
            // The binder sets a writable property, or fills a collection or object it finds already there.
            return path.Length > 1 ? HasPath(property.PropertyType, path[1..]) : property.CanWrite || property.PropertyType.IsClass;
        }

        private static IEnumerable<Type> LoadableTypes(Assembly assembly)
        {
            try { return assembly.GetTypes(); }
            catch (ReflectionTypeLoadException ex) { return ex.Types.OfType<Type>(); }
        }
    }

    /// <summary>An app's own assemblies as its deps.json resolves them, the framework shared with the test host.</summary>
    private sealed class AppLoadContext(string mainAssembly) : AssemblyLoadContext(isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);

        public IEnumerable<Assembly> AppAssemblies()
        {
            var main = LoadFromAssemblyPath(mainAssembly);
            return main.GetReferencedAssemblies().Where(a => a.Name!.StartsWith("RehabPlatform", StringComparison.Ordinal)).Select(LoadFromAssemblyName).Prepend(main);
        }

        protected override Assembly? Load(AssemblyName name) =>
            name.Name!.StartsWith("RehabPlatform", StringComparison.Ordinal) && _resolver.ResolveAssemblyToPath(name) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    private static List<YamlMappingNode> Objects(string kind)
    {
        var found = new List<YamlMappingNode>();
        foreach (var file in Directory.GetFiles(Folder, "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml"))
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
                stream.Load(reader);
            found.AddRange(stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().Where(o => Text(o, "kind") == kind));
        }
        return found;
    }

    private static YamlNode Child(YamlNode node, string key) => ((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    private static string Text(YamlNode node, string key) => ((YamlScalarNode)Child(node, key)).Value!;

    private static string Name(YamlMappingNode o) => Text(Child(o, "metadata"), "name");

    private static IEnumerable<YamlMappingNode> Containers(YamlMappingNode deployment) =>
        ((YamlSequenceNode)Child(Child(Child(Child(deployment, "spec"), "template"), "spec"), "containers")).Cast<YamlMappingNode>();

    private static Dictionary<string, int> ContainerPorts(YamlMappingNode container) =>
        ((YamlSequenceNode)Child(container, "ports")).Cast<YamlMappingNode>()
            .ToDictionary(p => Text(p, "name"), p => int.Parse(Text(p, "containerPort"), System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The container's environment (names, and values where they are literal).</summary>
    private static Dictionary<string, string?> EnvironmentOf(YamlMappingNode container) =>
        container.Children.TryGetValue(new YamlScalarNode("env"), out var env)
            ? ((YamlSequenceNode)env).Cast<YamlMappingNode>().ToDictionary(e => Text(e, "name"), e => e.Children.ContainsKey(new YamlScalarNode("value")) ? Text(e, "value") : null)
            : [];

    /// <summary>Where the app listens: ASPNETCORE_URLS when the Deployment sets it, else the image's ASPNETCORE_HTTP_PORTS.</summary>
    private static IEnumerable<int> ListeningPorts(YamlMappingNode container)
    {
        if (EnvironmentOf(container).TryGetValue("ASPNETCORE_URLS", out var urls))
            return urls!.Split(';').Select(u => new Uri(u.Replace("+", "localhost", StringComparison.Ordinal)).Port);
        var image = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "deploy", "docker", "Dockerfile"));
        var ports = System.Text.RegularExpressions.Regex.Match(image, @"ASPNETCORE_HTTP_PORTS=([0-9;]+)").Groups[1].Value;
        return ports.Split(';').Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture));
    }
}
