using FsCheck;
using FsCheck.Fluent;
using SipReg.Analysis.Model;

namespace SipReg.Analysis.Tests;

/// <summary>
/// The builder compares while it reads: its result must always hold exactly the Contacts added, and be the previous
/// list itself (no new list) exactly when those equal the previous list.
/// </summary>
public sealed class FlowContactListBuilderTests
{
    private static readonly Config s_config = Config.QuickThrowOnFailure.WithMaxTest(500);

    // Few distinct values, so that equal lists, equal prefixes and single-field differences are all common.
    private static Gen<FlowContact> Contact =>
        from uri in Gen.Elements("sip:a@192.0.2.1", "sip:a@192.0.2.1;ob", "sip:b@198.51.100.7:5062")
        from requested in Gen.Elements(0L, 60L, 3600L)
        from granted in Gen.Elements<long?>(null, 60L, 3600L)
        from instance in Gen.Elements<string?>(null, "<urn:uuid:1>")
        from regId in Gen.Elements<string?>(null, "1")
        from ob in Gen.Elements(false, true)
        from gruu in Gen.Elements<string?>(null, "sip:a@example.com;gr=urn:uuid:1")
        select new FlowContact { Uri = uri, RequestedExpires = requested, GrantedExpires = granted, InstanceId = instance, RegId = regId, Ob = ob, PubGruu = gruu, TempGruu = gruu };

    [Fact]
    public void Result_holds_the_contacts_added_and_is_the_previous_list_exactly_when_equal()
    {
        var gen =
            from previous in Gen.Choose(0, 3).SelectMany(n => Contact.ArrayOf(n))
            from keep in Gen.Choose(0, 3)
            from extra in Gen.Choose(0, 2).SelectMany(n => Contact.ArrayOf(n))
            select (previous, next: previous.Take(keep).Concat(extra).ToArray());

        Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var previous = input.previous.ToList();
            var builder = new FlowContactListBuilder(previous, input.next.Length);
            foreach (var c in input.next)
            {
                builder.Add(c.Uri, c.RequestedExpires, c.GrantedExpires, c.InstanceId, c.RegId, c.Ob, c.PubGruu, c.TempGruu);
            }

            var result = builder.Result;
            Assert.Equal(input.next, result);
            Assert.Equal(previous.SequenceEqual(input.next), ReferenceEquals(previous, result));
        }).Check(s_config);
    }
}
