namespace SipReg.Cli.Tests;

public sealed class HeapGovernorTests
{
    private const long MB = 1 << 20;

    [Theory]
    [InlineData(0, 0, 0, 0)] // an empty heap
    [InlineData(4, 8, 0, 0)] // at the limits: nothing yet
    [InlineData(5, 8, 0, 1)] // gen 1 past its limit
    [InlineData(1, 9, 0, 2)] // before any full GC: gen 2 past the least growth
    [InlineData(1, 67, 60, 0)] // 7 MB over what the last full GC kept: under 8 MB
    [InlineData(5, 69, 60, 1)] // 9 MB over 60: under a quarter (15 MB); gen 1 is due
    [InlineData(5, 76, 60, 2)] // 16 MB over 60: past a quarter; the full GC collects gen 1 as well
    [InlineData(1, 600, 500, 0)] // a large live state: 100 MB of growth is under its quarter (125 MB)
    [InlineData(1, 626, 500, 2)]
    public void A_collection_is_due_when_gen_1_or_the_growth_of_gen_2_passes_its_limit(long gen1, long gen2, long kept, int due) =>
        Assert.Equal(due, HeapGovernor.CollectionDue(gen1 * MB, gen2 * MB, kept * MB));

    [Fact]
    public void The_growth_that_calls_for_a_full_collection_rises_with_what_the_last_one_kept()
    {
        long Threshold(long kept)
        {
            var gen2 = kept;
            while (HeapGovernor.CollectionDue(0, gen2, kept) != 2)
            {
                gen2 += MB / 4;
            }

            return gen2 - kept;
        }

        Assert.Equal(HeapGovernor.MinGen2Growth + MB / 4, Threshold(0));
        Assert.Equal(HeapGovernor.MinGen2Growth + MB / 4, Threshold(20 * MB));
        Assert.Equal(100 * MB + MB / 4, Threshold(400 * MB));
    }
}
