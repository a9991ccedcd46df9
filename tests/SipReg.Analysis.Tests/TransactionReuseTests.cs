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
        used.AddResponse(new SipResponseRecord(8, 200, 9), 16);
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
