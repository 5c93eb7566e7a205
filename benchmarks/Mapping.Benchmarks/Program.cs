using System.Diagnostics;
using System.Runtime;
using System.Text.Json;
using FhirSync.Mapping.Benchmarks;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

// Mapping engine benchmark: see docs/benchmarks.md and scripts/bench-mapping.sh. Progress goes to stderr, the table to stdout.
BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var machine = MachineInfo.Current();
if (machine.Configuration != "Release" || !GCSettings.IsServerGC)
{
    Console.Error.WriteLine($"refusing to measure a {machine.Configuration} build with {machine.GarbageCollector}: build with -c Release (Server GC is set in the project)");
    return 1;
}

var log = Console.Error;
var loadBefore = MachineInfo.LoadAverage();
var clock = Stopwatch.StartNew();
HospitalA tenant;
object?[][] patients, observations;
try
{
    tenant = HospitalA.Load();
    patients = SourceRows.Patients(tenant.CompiledPatient.SelectColumns, options.PatientRows);
    observations = SourceRows.Observations(tenant.CompiledObservation.SelectColumns, options.ObservationRows);
}
catch (InvalidOperationException ex)
{
    // The demo mapping selects a column this benchmark does not know: the generator and hand-written mappers need it too.
    Console.Error.WriteLine($"demo/mappings/hospital-a.json no longer matches the benchmark: {ex.Message}");
    return 1;
}

var fhirJson = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);
log.WriteLine($"generated {patients.Length:N0} Patient and {observations.Length:N0} Observation rows in {clock.Elapsed.TotalSeconds:F1} s");

Func<object?[], Resource> compiledPatient = row => tenant.CompiledPatient.Map(row).Resource;
Func<object?[], Resource> compiledObservation = row => tenant.CompiledObservation.Map(row).Resource;
Func<object?[], Resource> handWrittenPatient = tenant.HandWrittenPatient.Map;
Func<object?[], Resource> handWrittenObservation = tenant.HandWrittenObservation.Map;

int compared;
try
{
    compared = EquivalenceCheck.Verify("Patient", patients, compiledPatient, handWrittenPatient, fhirJson)
        + EquivalenceCheck.Verify("Observation", observations, compiledObservation, handWrittenObservation, fhirJson);
}
catch (EquivalenceException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

log.WriteLine($"{compared:N0} sampled rows give identical JSON from both mappers");

BenchmarkCase[] cases =
[
    .. MappingCases.For("Patient", patients, compiledPatient, handWrittenPatient, fhirJson),
    .. MappingCases.For("Observation", observations, compiledObservation, handWrittenObservation, fhirJson),
];
var results = Harness.Run(cases, options.Runs, log);

MarkdownReport.Write(options, new MarkdownReport.Context(machine, loadBefore, MachineInfo.LoadAverage(), compared), results);
Console.WriteLine(MarkdownReport.Table(results));
Console.WriteLine(MarkdownReport.Ratios(results));

log.WriteLine($"wrote {options.OutputPath} after {clock.Elapsed.TotalSeconds:F0} s");
return 0;
