using System.Globalization;
using System.Text.Json;
using SipReg.Analysis.Rules;

namespace SipReg.Analysis;

/// <summary>
/// Options of the registration analysis: the rules, which are disabled, their thresholds and severities, and the
/// caps that keep memory bounded. Set them in code or load them from JSON (<see cref="FromJson(string)"/>).
/// </summary>
/// <remarks>
/// Thresholds are keyed <c>{rule id}.{name}</c>, e.g. <c>register-as-keepalive.intervalSeconds</c>; a rule reads its own
/// through <see cref="RuleContext.Threshold"/>. The model itself reads <c>auth-loop.minChallenges</c>,
/// <c>no-response.timeoutSeconds</c>, <c>no-response.minRetransmissions</c> and <c>refresh-storm.windowSeconds</c>.
/// </remarks>
public sealed class AnalysisOptions
{
    /// <summary>The rules to run (every built-in rule by default). Add your own here.</summary>
    public RuleSet Rules { get; set; } = RuleSet.CreateDefault();

    /// <summary>Ids of rules that must not run.</summary>
    public ISet<string> Disabled { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Thresholds keyed <c>{rule id}.{name}</c>.</summary>
    public IDictionary<string, double> Thresholds { get; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Severity overrides keyed by rule id.</summary>
    public IDictionary<string, FindingSeverity> Severities { get; } = new Dictionary<string, FindingSeverity>(StringComparer.Ordinal);

    /// <summary>Most evidence frames per finding (default 16).</summary>
    public int MaxEvidenceFrames { get; set; } = 16;

    /// <summary>Most registration flows tracked; REGISTERs of later flows are counted in <see cref="Model.RegistrationModel.UntrackedRegisterRequests"/> (default 100 000).</summary>
    public int MaxFlows { get; set; } = 100_000;

    /// <summary>
    /// Most transactions kept per flow: the first half and the latest half; the ones between are counted in
    /// <see cref="Model.RegistrationFlow.DroppedTransactions"/> (default 16). Per-flow state, and so memory, stays
    /// bounded by the number of live registrations however long the capture; the counters keep counting.
    /// </summary>
    public int MaxTransactionsPerFlow { get; set; } = 16;

    /// <summary>
    /// Most transactions kept over all flows (default 40 000): with many flows each keeps
    /// <c>MaxKeptTransactions / flows</c>, never fewer than 4 nor more than <see cref="MaxTransactionsPerFlow"/>. A capture
    /// of a few UAs keeps full windows; a registrar's thousands of flows share a fixed budget, so the transactions kept
    /// (a few hundred bytes each) do not grow with the fleet. A flow's window shrinks when later flows appear, keeping its
    /// first and latest transactions as always.
    /// </summary>
    public int MaxKeptTransactions { get; set; } = 40_000;

    /// <summary>
    /// Most transactions kept matchable for responses and retransmissions at once (default 100 000). Each stays
    /// matchable for the no-response timeout plus <see cref="TransactionLingerSeconds"/>; past the cap (a REGISTER
    /// storm) the ones due soonest retire early, counted in <see cref="Model.RegistrationModel.TransactionsRetiredEarly"/>.
    /// </summary>
    public int MaxActiveTransactions { get; set; } = 100_000;

    /// <summary>
    /// Most bindings active at once per address-of-record (default 1 000); later new Contacts of a full AOR are counted
    /// in <see cref="Model.BindingTable.UntrackedBindings"/>, not tracked.
    /// </summary>
    public int MaxBindingsPerAor { get; set; } = 1_000;

    /// <summary>Most events kept per flow, the first ones; later ones are counted (default 64).</summary>
    public int MaxEventsPerFlow { get; set; } = 64;

    /// <summary>
    /// Most events of one kind kept per flow, the first ones (default 8): a kind that recurs on every refresh (a
    /// challenge, a reduced grant) cannot crowd out a rare one that comes late. Every event still counts in
    /// <see cref="Model.RegistrationFlow.TallyOf"/>, which the rules read for counts and totals.
    /// </summary>
    public int MaxEventsPerKind { get; set; } = 8;

    /// <summary>
    /// Most refresh intervals kept per flow, the first ones (default 16); every interval still counts in
    /// <see cref="Model.RegistrationFlow.RefreshIntervalCount"/> and <see cref="Model.RegistrationFlow.RefreshIntervalTotalSeconds"/>.
    /// </summary>
    public int MaxRefreshIntervalsPerFlow { get; set; } = 16;

    /// <summary>Most frames kept per transaction list (transmissions, responses, ICMP) (default 16).</summary>
    public int MaxFramesPerTransaction { get; set; } = 16;

    /// <summary>Most DNS clues kept (default 10 000).</summary>
    public int MaxDnsClues { get; set; } = 10_000;

    /// <summary>Most binding spans kept in the history (active ones always stay) (default 10 000).</summary>
    public int MaxBindingHistory { get; set; } = 10_000;

    /// <summary>Most REGISTER bursts kept (default 1 000).</summary>
    public int MaxRegisterBursts { get; set; } = 1_000;

    /// <summary>
    /// Seconds a finished transaction stays matchable for retransmissions before it is retired (default 32: 64*T1,
    /// RFC 3261 §17.1.2.2 Timer K/J).
    /// </summary>
    public double TransactionLingerSeconds { get; set; } = 32;

    /// <summary>The threshold <paramref name="key"/> (<c>{rule id}.{name}</c>), or <paramref name="defaultValue"/>.</summary>
    /// <param name="key">The threshold key.</param>
    /// <param name="defaultValue">The value when not set.</param>
    /// <returns>The value.</returns>
    public double GetThreshold(string key, double defaultValue) => Thresholds.TryGetValue(key, out var v) ? v : defaultValue;

    /// <summary>The severity a rule's findings get: the override, else the rule's default.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>The severity.</returns>
    public FindingSeverity SeverityOf(IRegistrationRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Severities.TryGetValue(rule.Id, out var s) ? s : rule.DefaultSeverity;
    }

    /// <summary>Whether a rule runs: it is in <see cref="Rules"/> and not <see cref="Disabled"/>.</summary>
    /// <param name="id">The rule id.</param>
    /// <returns>True when it runs.</returns>
    public bool IsEnabled(string id) => !Disabled.Contains(id) && Rules.Contains(id);

    /// <summary>Reads options from JSON text; see the package README for the format.</summary>
    /// <param name="json">
    /// A JSON object: <c>{"disabled":["rule-id"], "thresholds":{"rule-id.name":number},
    /// "severities":{"rule-id":"error|warning|info"}, "limits":{"maxEvidenceFrames":n, "maxFlows":n, ...}}</c>; every member optional.
    /// </param>
    /// <returns>Options with the built-in rules and the settings applied.</returns>
    /// <exception cref="FormatException">The JSON is malformed or a member has the wrong type or an unknown name.</exception>
    public static AnalysisOptions FromJson(string json)
    {
        var options = new AnalysisOptions();
        options.ApplyJson(json);
        return options;
    }

    /// <summary>Reads options from a JSON file; see <see cref="FromJson(string)"/>.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The options.</returns>
    /// <exception cref="FormatException">The JSON is invalid.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static AnalysisOptions FromJsonFile(string path) => FromJson(File.ReadAllText(path));

    /// <summary>Applies JSON settings on top of these options; see <see cref="FromJson(string)"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <exception cref="FormatException">The JSON is invalid.</exception>
    public void ApplyJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FormatException("Analysis options: " + e.Message, e);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("Analysis options: the root must be a JSON object.");
            }

            foreach (var member in doc.RootElement.EnumerateObject())
            {
                switch (member.Name)
                {
                    case "disabled":
                        foreach (var id in Items(member))
                        {
                            Disabled.Add(id.GetString() ?? throw Bad(member.Name, "strings"));
                        }

                        break;
                    case "thresholds":
                        foreach (var t in Members(member))
                        {
                            Thresholds[t.Name] = t.Value.ValueKind == JsonValueKind.Number ? t.Value.GetDouble() : throw Bad(t.Name, "a number");
                        }

                        break;
                    case "severities":
                        foreach (var s in Members(member))
                        {
                            Severities[s.Name] = s.Value.GetString() switch
                            {
                                "error" => FindingSeverity.Error,
                                "warning" => FindingSeverity.Warning,
                                "info" => FindingSeverity.Info,
                                _ => throw Bad(s.Name, "\"error\", \"warning\" or \"info\""),
                            };
                        }

                        break;
                    case "limits":
                        foreach (var l in Members(member))
                        {
                            ApplyLimit(l);
                        }

                        break;
                    default:
                        throw new FormatException("Analysis options: unknown member \"" + member.Name + "\".");
                }
            }
        }
    }

    private void ApplyLimit(JsonProperty limit)
    {
        if (limit.Value.ValueKind != JsonValueKind.Number)
        {
            throw Bad(limit.Name, "a number");
        }

        var value = limit.Value.GetDouble();
        var n = (int)Math.Clamp(value, 1, int.MaxValue);
        switch (limit.Name)
        {
            case "maxEvidenceFrames": MaxEvidenceFrames = n; break;
            case "maxFlows": MaxFlows = n; break;
            case "maxTransactionsPerFlow": MaxTransactionsPerFlow = n; break;
            case "maxKeptTransactions": MaxKeptTransactions = n; break;
            case "maxActiveTransactions": MaxActiveTransactions = n; break;
            case "maxBindingsPerAor": MaxBindingsPerAor = n; break;
            case "maxEventsPerFlow": MaxEventsPerFlow = n; break;
            case "maxEventsPerKind": MaxEventsPerKind = n; break;
            case "maxRefreshIntervalsPerFlow": MaxRefreshIntervalsPerFlow = n; break;
            case "maxFramesPerTransaction": MaxFramesPerTransaction = n; break;
            case "maxDnsClues": MaxDnsClues = n; break;
            case "maxBindingHistory": MaxBindingHistory = n; break;
            case "maxRegisterBursts": MaxRegisterBursts = n; break;
            case "transactionLingerSeconds": TransactionLingerSeconds = Math.Max(0, value); break;
            default: throw new FormatException("Analysis options: unknown limit \"" + limit.Name + "\".");
        }
    }

    private static JsonElement.ArrayEnumerator Items(JsonProperty p) =>
        p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray() : throw Bad(p.Name, "an array");

    private static JsonElement.ObjectEnumerator Members(JsonProperty p) =>
        p.Value.ValueKind == JsonValueKind.Object ? p.Value.EnumerateObject() : throw Bad(p.Name, "an object");

    private static FormatException Bad(string name, string expected) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Analysis options: \"{name}\" must be {expected}."));
}
