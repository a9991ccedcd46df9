// Time and memory are measured in-process: the tests of this assembly run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
