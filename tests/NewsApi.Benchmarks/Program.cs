using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(NewsApi.Benchmarks.SanitizerBenchmarks).Assembly).Run(args);
