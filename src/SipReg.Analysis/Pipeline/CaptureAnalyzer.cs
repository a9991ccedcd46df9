using System.Globalization;
using SipReg.Analysis.Facts;
using SipReg.Dns;
using SipReg.Sip;

namespace SipReg.Analysis.Pipeline;

/// <summary>
/// Analyses a whole capture in one streaming pass: messages from <see cref="CaptureMessageSource"/>, facts from
/// <see cref="SipFactReader"/> and <see cref="DnsFactReader"/>, conclusions from <see cref="RegistrationAnalyzer"/>.
/// </summary>
/// <remarks>
/// <code>
/// CaptureAnalysis analysis = await CaptureAnalyzer.AnalyzeFileAsync("register.pcap");
/// Console.WriteLine(analysis.Report.StatusName);
/// foreach (var finding in analysis.Report.Findings) Console.WriteLine($"{finding.Rule}: {finding.Title}");
/// </code>
/// </remarks>
public static class CaptureAnalyzer
{
    /// <summary>Opens and analyses a capture file (<c>-</c> for standard input).</summary>
    /// <param name="path">The capture's path.</param>
    /// <param name="options">Rules and thresholds; null for the defaults.</param>
    /// <param name="pipelineOptions">Reader, reassembly and framing caps; null for the defaults.</param>
    /// <param name="progress">Receives the byte position in the capture after each read, if given.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="Pcap.PcapException">The input is not a capture.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static async Task<CaptureAnalysis> AnalyzeFileAsync(string path, AnalysisOptions? options = null, PipelineOptions? pipelineOptions = null,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var source = CaptureMessageSource.Open(path, pipelineOptions);
        return await AnalyzeAsync(source, path, options, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Analyses the messages of a source to its end.</summary>
    /// <param name="source">The capture's messages.</param>
    /// <param name="file">The capture's name for the report, if any.</param>
    /// <param name="options">Rules and thresholds; null for the defaults.</param>
    /// <param name="progress">Receives the byte position in the capture after each read, if given.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <param name="stopReading">Ends the input early: what was read so far is analysed as if the capture ended there
    /// (for a live capture piped on standard input that the user stops).</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="Pcap.PcapException">The input is not a capture.</exception>
    public static async Task<CaptureAnalysis> AnalyzeAsync(CaptureMessageSource source, string? file = null, AnalysisOptions? options = null,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default, CancellationToken stopReading = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new AnalysisOptions();
        var analyzer = new RegistrationAnalyzer(options);

        // With two cores or more the analyzer runs on its own thread while this one reads, decodes and parses.
        using var analyzerThread = source.Options.AnalyzeOnSeparateThread && Environment.ProcessorCount > 1 ? new AnalyzerThread(analyzer) : null;
        var feeder = new FactFeeder(analyzerThread is null ? analyzer.Add : analyzerThread.Add, source.Options);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopReading);
        while (true)
        {
            bool more;
            try
            {
                more = await source.ReadAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopReading.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                source.EndInput();
                continue;
            }

            if (!more)
            {
                break;
            }

            while (source.TryReadMessage(out var message))
            {
                feeder.Add(message);
            }

            progress?.Report(source.Reader.Position);
        }

        analyzerThread?.Complete();
        analyzer.Complete();
        var accounting = source.GetAccounting();
        return new CaptureAnalysis
        {
            Capture = CaptureSummary.From(source.Reader, file, [.. source.GetDiagnostics(), .. LimitDiagnostics(analyzer.Model, options)], accounting),
            Accounting = accounting,
            Report = analyzer.CreateReport(),
            SipMessages = feeder.SipMessages,
            DnsMessages = feeder.DnsMessages,
            KeepAlives = feeder.KeepAlives,
        };
    }

    /// <summary>
    /// What the analysis left out or cut short because one of its limits was reached, said where the capture's other
    /// diagnostics are, so that nothing a limit dropped goes unreported.
    /// </summary>
    internal static IEnumerable<PipelineDiagnostic> LimitDiagnostics(Model.RegistrationModel model, AnalysisOptions options)
    {
        if (model.UntrackedRegisterRequests > 0)
        {
            yield return Limit($"{model.UntrackedRegisterRequests} REGISTER requests not analysed: {options.MaxFlows} registration flows already tracked (MaxFlows)");
        }

        if (model.TransactionsRetiredEarly > 0)
        {
            yield return Limit($"{model.TransactionsRetiredEarly} transactions stopped waiting for responses before their timeout: {options.MaxActiveTransactions} were already waiting (MaxActiveTransactions)");
        }

        if (model.Bindings.UntrackedBindings > 0)
        {
            yield return Limit($"{model.Bindings.UntrackedBindings} new bindings not tracked: their address-of-record already had {options.MaxBindingsPerAor} (MaxBindingsPerAor)");
        }

        if (model.Bindings.DroppedSpans > 0)
        {
            yield return Limit($"{model.Bindings.DroppedSpans} ended bindings dropped from the history, the oldest first: it holds {options.MaxBindingHistory} (MaxBindingHistory)");
        }

        if (model.DroppedDnsClues > 0)
        {
            yield return Limit($"{model.DroppedDnsClues} DNS lookups not kept as clues: {options.MaxDnsClues} already kept (MaxDnsClues)");
        }

        static PipelineDiagnostic Limit(FormattableString message) => new(-1, 0, message.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Turns each captured message into the fact the registration analyzer reads.</summary>
    private sealed class FactFeeder(Action<CaptureFact> analyzer, PipelineOptions options)
    {
        private readonly DnsSipRelevance _relevance = new();
        private readonly SipMessage _quoted = new(options.Sip);
        private readonly HashSet<string> _sipDomains = new(StringComparer.OrdinalIgnoreCase);
        private readonly FactTextCache _texts = new();

        public long SipMessages { get; private set; }

        public long DnsMessages { get; private set; }

        public long KeepAlives { get; private set; }

        public void Add(in CaptureMessage message)
        {
            switch (message.Kind)
            {
                case CaptureMessageKind.Sip when message.Sip is { } sip && (sip.IsRequest || sip.IsResponse):
                    SipMessages++;
                    var fact = SipFactReader.Read(sip, message, _texts);
                    LearnSipDomain(fact);
                    analyzer(fact);
                    break;
                case CaptureMessageKind.KeepAlive:
                    KeepAlives++;
                    analyzer(new CapturedKeepAliveFact
                    {
                        FrameNumber = message.FrameNumber,
                        TimeNs = message.TimestampNanoseconds,
                        HasTime = message.HasTimestamp,
                        SourceEndpoint = message.Source,
                        DestinationEndpoint = message.Destination,
                        Transport = message.Protocol == Pcap.TransportProtocol.Tcp ? "tcp" : "udp",
                        Kind = message.KeepAlive switch
                        {
                            SipKeepAliveKind.Ping => KeepAliveKind.Ping,
                            SipKeepAliveKind.Pong => KeepAliveKind.Pong,
                            _ => KeepAliveKind.Stun,
                        },
                        Length = message.Data.Length,
                    });
                    break;
                case CaptureMessageKind.Dns when message.DnsFlavor == DnsFlavor.Unicast:
                    DnsMessages++;
                    var dns = DnsMessage.Read(message.Data, options.Dns);
                    if (dns.HasHeader)
                    {
                        analyzer(DnsFactReader.Read(dns, message, _relevance.Evaluate(dns)));
                    }

                    break;
                case CaptureMessageKind.IcmpError:
                    analyzer(ReadIcmp(message));
                    break;
                case CaptureMessageKind.EncryptedSignalling:
                    analyzer(new TlsSignallingFact
                    {
                        FrameNumber = message.FrameNumber,
                        TimeNs = message.TimestampNanoseconds,
                        HasTime = message.HasTimestamp,
                        Source = _texts.Endpoint(message.Source),
                        Destination = _texts.Endpoint(message.Destination),
                        Transport = "tls",
                    });
                    break;
                default:
                    break;
            }
        }

        /// <summary>RFC 3263 §4: a UA resolves the host of the Request-URI; A/AAAA lookups of it are SIP-related.</summary>
        private void LearnSipDomain(SipMessageFact fact)
        {
            if (fact.IsRequest && fact.RequestUri is { } uri && _sipDomains.Count < DnsSipRelevance.DefaultMaxNames)
            {
                if (Model.SipUriText.TryParse(uri, out _, out _, out var host, out _, out _) && host.Length > 0 && _sipDomains.Add(host))
                {
                    _relevance.AddSipDomain(host);
                }
            }
        }

        private IcmpUnreachableFact ReadIcmp(in CaptureMessage message)
        {
            var quotesRegister = false;
            string? callId = null, branch = null;
            long? cseq = null;
            if (_quoted.Parse(message.Data, SipTransportKind.Datagram) && _quoted.IsRequest && _quoted.Method.SequenceEqual("REGISTER"u8))
            {
                quotesRegister = true;
                callId = _quoted.CallId.IsEmpty ? null : SipText.GetString(_quoted.CallId);
                if (_quoted.TryGetCSeq(out var cs))
                {
                    cseq = cs.Number;
                }

                foreach (var via in _quoted.Vias)
                {
                    branch = via.Branch.IsEmpty ? null : SipText.GetString(via.Branch);
                    break;
                }
            }

            return new IcmpUnreachableFact
            {
                FrameNumber = message.FrameNumber,
                TimeNs = message.TimestampNanoseconds,
                HasTime = message.HasTimestamp,
                QuotedSource = message.Source.ToString(),
                QuotedDestination = message.Destination.ToString(),
                Type = message.IcmpType,
                Code = message.IcmpCode,
                QuotesSipRegister = quotesRegister,
                CallId = callId,
                CSeq = cseq,
                Branch = branch,
            };
        }
    }
}
