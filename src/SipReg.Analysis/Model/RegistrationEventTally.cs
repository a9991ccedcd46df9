namespace SipReg.Analysis.Model;

/// <summary>
/// Every event of one kind a flow had, kept or not: how many, the sums of their values and references, and the one
/// with the largest value. Rules read counts and totals here, and evidence frames from the events kept.
/// </summary>
/// <param name="Count">How many events of the kind occurred.</param>
/// <param name="ValueSum">The sum of their <see cref="RegistrationEvent.Value"/>s.</param>
/// <param name="ReferenceSum">The sum of their <see cref="RegistrationEvent.Reference"/>s.</param>
/// <param name="Largest">The first event with the largest <see cref="RegistrationEvent.Value"/>, or null when none occurred.</param>
/// <param name="Latest">The latest event, or null when none occurred.</param>
public readonly record struct RegistrationEventTally(int Count, long ValueSum, long ReferenceSum, RegistrationEvent? Largest, RegistrationEvent? Latest)
{
    /// <summary>The tally with one more event.</summary>
    /// <param name="e">The event.</param>
    /// <returns>The new tally.</returns>
    internal RegistrationEventTally Add(RegistrationEvent e) => new(
        Count + 1,
        ValueSum + (e.Value ?? 0),
        ReferenceSum + (e.Reference ?? 0),
        Largest is null || (e.Value ?? long.MinValue) > (Largest.Value ?? long.MinValue) ? e : Largest,
        e);
}
