<#
.SYNOPSIS
    The fault soak at full size: 5,000 mixed operations with about 20% of requests failing, at
    -ThrottleLimit 16, with the Idempotency-Key honoured and ignored (tests/soak/Invoke-FaultSoak.ps1).
    Records the counts and times. -Quick runs 500 operations, as the test suite does.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [switch] $Quick
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchTools.psm1') -Force
$ModulePath = (Resolve-Path $ModulePath).Path
$emulatorPath = Join-Path (Split-Path $PSScriptRoot) 'tests/WorkOSDomains.Emulator/bin/Release/net10.0/WorkOSDomains.Emulator.dll'
$operations = if ($Quick) { 500 } else { 5000 }
$script = Join-Path $PSScriptRoot '../tests/soak/Invoke-FaultSoak.ps1'

$measurements = [ordered]@{}
$comparisons = @()
$notes = @()
foreach ($ignore in $false, $true) {
    $mode = if ($ignore) { 'ignored' } else { 'honoured' }
    $r = Invoke-BenchChild $script @{ ModulePath = $ModulePath; EmulatorPath = $emulatorPath; Operations = $operations; IgnoreIdempotencyKey = $ignore }
    $measurements["$operations operations, Idempotency-Key $($mode): time"] = Get-Statistic @($r.seconds) 's'
    $measurements["$operations operations, Idempotency-Key $($mode): requests sent"] = Get-Statistic @($r.requests) 'requests'
    $clean = -not ($r.errors -or $r.duplicates -or $r.phantoms -or $r.missing -or $r.notRemoved -or $r.notVerified -or $r.unexpected)
    $comparisons += @{ What = "final state equals the expected one, Idempotency-Key $mode (1 = exact)"; Ratio = [int]$clean; Target = '1'; Meets = $clean }
    $notes += "Idempotency-Key $($mode): $($r | ConvertTo-Json -Compress)"
}
Save-BenchResult -Quick:$Quick -Name 'fault-soak' -Title "Fault soak: $operations operations, about 20% of requests failing" `
    -Command "dotnet pwsh ./build.ps1 Bench$(if ($Quick) { ' -Quick' }) (bench/Measure-FaultSoak.ps1)" -Measurements $measurements -Comparisons $comparisons -Notes $notes
