using System.Reflection;
using SipReg.Analysis.Facts;
using SipReg.Analysis.Model;

namespace SipReg.Analysis.Tests;

/// <summary>
/// The analyzer reuses retired transactions that fell out of a flow's window. A reused object must be
/// indistinguishable from a new one: every field is reset, whatever fields the class gains later.
/// </summary>
public sealed class TransactionReuseTests
{
    [Fact]
    public void Reuse_leaves_every_field_as_a_new_transaction_has_it()
    {
        var flow = new RegistrationFlow("aor|call|host", "sip:alice@example.com", "call");
        var other = new RegistrationFlow("aor2|call2|host2", "sip:bob@example.com", "call2");
        var id = new TransactionId("z9hG4bK1", "10.0.0.1:5060", "REGISTER", null, null, null);
        var used = new SipTransaction(new TransactionId("z9hG4bK0", "10.0.0.9:5060", "REGISTER", null, null, null), other);
        DirtyEveryField(used);
        used.AddRequestFrame(7, 16);
        used.AddRequestFrame(10, 16);
        used.AddResponse(8, 100, 9, 16);
        used.AddResponse(11, 401, 12, 16);
        used.AddResponse(13, 200, 14, 16);
        used.AddIcmpFrame(9, 16);

        used.Reuse(id, flow);
        var fresh = new SipTransaction(id, flow);

        foreach (var field in typeof(SipTransaction).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (field.Name.Contains(nameof(SipTransaction.Generation), StringComparison.Ordinal))
            {
                continue; // the one field that must differ
            }

            var a = field.GetValue(fresh);
            var b = field.GetValue(used);
            if (a is System.Collections.IEnumerable ea && b is System.Collections.IEnumerable eb && a is not string)
            {
                Assert.Equal(ea.Cast<object>().ToList(), eb.Cast<object>().ToList());
            }
            else
            {
                Assert.True(Equals(a, b), $"{field.Name}: new {a ?? "null"}, reused {b ?? "null"}");
            }
        }

        Assert.Equal(1, used.Generation);
        Assert.Equal(id.ToString(), used.Key);
    }

    /// <summary>
    /// The first request frame and the first two responses live in fields, the rest in lists: whatever the count, the
    /// lists read back are the frames and responses added, in order, up to the cap.
    /// </summary>
    [Theory]
    [InlineData(0, 0, 16)]
    [InlineData(1, 1, 16)]
    [InlineData(2, 2, 16)]
    [InlineData(3, 3, 16)]
    [InlineData(20, 20, 16)]
    [InlineData(5, 5, 1)]
    [InlineData(5, 5, 0)]
    public void Frames_and_responses_read_back_as_added(int frames, int responses, int cap)
    {
        var flow = new RegistrationFlow("aor|call|host", "sip:alice@example.com", "call");
        var t = new SipTransaction(new TransactionId("z9hG4bK1", "10.0.0.1:5060", "REGISTER", null, null, null), flow);
        var expectedFrames = new List<long>();
        var expectedResponses = new List<SipResponseRecord>();
        for (var i = 0; i < frames; i++)
        {
            t.AddRequestFrame(100 + i, cap);
            if (i < cap)
            {
                expectedFrames.Add(100 + i);
            }
        }

        for (var i = 0; i < responses; i++)
        {
            t.AddResponse(200 + i, 100 + i, 1_000 + i, cap);
            if (i < cap)
            {
                expectedResponses.Add(new SipResponseRecord(200 + i, 100 + i, 1_000 + i));
            }
        }

        Assert.Equal(expectedFrames, t.RequestFrames);
        Assert.Equal(expectedResponses, t.Responses);
        Assert.Equal(expectedFrames.Count > 0 ? expectedFrames[0] : 0, t.FirstRequestFrame);
    }

    /// <summary>Sets every property with a setter to a value no new transaction has.</summary>
    private static void DirtyEveryField(SipTransaction t)
    {
        foreach (var property in typeof(SipTransaction).GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            var setter = property.GetSetMethod(nonPublic: true);
            if (setter is null || property.Name is nameof(SipTransaction.Generation))
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object? value = type switch
            {
                _ when type == typeof(string) => "dirty",
                _ when type == typeof(long) => 42L,
                _ when type == typeof(int) => 42,
                _ when type == typeof(double) => 4.2,
                _ when type == typeof(bool) => true,
                _ when type.IsEnum => Enum.GetValues(type).Cast<object>().Last(),
                _ when type == typeof(SipMessageFact) => new SipMessageFact { CallId = "x", CSeqMethod = "REGISTER" },
                _ when type == typeof((string, string)) => ("b", "c"),
                _ when type == typeof(TransactionId) => new TransactionId("z9hG4bKdirty", "h", "REGISTER", null, null, null),
                _ when type == typeof(RegistrationFlow) => new RegistrationFlow("dirty", "sip:d@x", "d"),
                _ => throw new InvalidOperationException($"add a dirty value for {property.Name} ({type})"),
            };
            property.SetValue(t, value);
        }

        _ = t.Key; // fills the cached key text
    }
}
