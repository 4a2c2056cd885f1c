<#
.SYNOPSIS
    Cold import cost: how much Import-Module WorkOSDomains adds to a fresh pwsh start.
.DESCRIPTION
    Times `pwsh -NoProfile -Command "Import-Module <psd1>"` against `pwsh -NoProfile -Command exit`,
    alternating them so machine noise hits both alike, and records the medians in
    bench/results/import.md. Target: the module adds at most 150 ms. For context it also times
    importing an empty manifest module: what PowerShell charges any module before our code runs.
.EXAMPLE
    dotnet pwsh ./build.ps1 Bench
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Runs = 15
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tests/tools/Emulator.psm1')
$pwsh = Get-PwshCommand
$pwshArgs = @($pwsh | Select-Object -Skip 1)

function Measure-Start([string] $command) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    & $pwsh[0] @pwshArgs -NoProfile -NonInteractive -Command $command
    if ($LASTEXITCODE -ne 0) { throw "pwsh -Command '$command' failed." }
    $clock.Elapsed.TotalMilliseconds
}

function Get-Median([double[]] $values) {
    $sorted = $values | Sort-Object
    $middle = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

$emptyFolder = New-Item -ItemType Directory -Force (Join-Path ([IO.Path]::GetTempPath()) 'workos-bench-empty')
$emptyManifest = Join-Path $emptyFolder 'Empty.psd1'
Set-Content $emptyManifest "@{ ModuleVersion = '1.0'; GUID = '$([guid]::NewGuid())'; CmdletsToExport = @(); FunctionsToExport = @() }"

$importCommand = "Import-Module '$ModulePath'"
$emptyCommand = "Import-Module '$emptyManifest'"
$null = Measure-Start 'exit'; $null = Measure-Start $importCommand # warm the disk cache, not the process
$bare = [Collections.Generic.List[double]]::new()
$import = [Collections.Generic.List[double]]::new()
$empty = [Collections.Generic.List[double]]::new()
for ($i = 0; $i -lt $Runs; $i++) {
    $bare.Add((Measure-Start 'exit'))
    $import.Add((Measure-Start $importCommand))
    $empty.Add((Measure-Start $emptyCommand))
}
Remove-Item $emptyFolder -Recurse
$bareMedian = Get-Median $bare
$importMedian = Get-Median $import
$emptyMedian = Get-Median $empty
$added = $importMedian - $bareMedian
$verdict = if ($added -le 150) { 'meets' } else { 'MISSES' }

$report = @"
# Cold import

Command: ``dotnet pwsh ./build.ps1 Bench`` (bench/Measure-Import.ps1, $Runs alternating runs each)
Date: $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm')) UTC
Machine: $([Environment]::ProcessorCount) cores, $([System.Runtime.InteropServices.RuntimeInformation]::OSDescription), PowerShell $($PSVersionTable.PSVersion), $([System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription)

| measurement | median (ms) | min (ms) | max (ms) |
|---|---|---|---|
| ``pwsh -NoProfile -Command exit`` | $([math]::Round($bareMedian)) | $([math]::Round(($bare | Measure-Object -Minimum).Minimum)) | $([math]::Round(($bare | Measure-Object -Maximum).Maximum)) |
| ``pwsh -NoProfile -Command "Import-Module WorkOSDomains.psd1"`` | $([math]::Round($importMedian)) | $([math]::Round(($import | Measure-Object -Minimum).Minimum)) | $([math]::Round(($import | Measure-Object -Maximum).Maximum)) |
| ``pwsh -NoProfile -Command "Import-Module Empty.psd1"`` (no code) | $([math]::Round($emptyMedian)) | $([math]::Round(($empty | Measure-Object -Minimum).Minimum)) | $([math]::Round(($empty | Measure-Object -Maximum).Maximum)) |
| **added by the module** | **$([math]::Round($added))** | | |
| of which any module pays (empty manifest) | $([math]::Round($emptyMedian - $bareMedian)) | | |

Target: at most 150 ms added. Result: $verdict the target.
"@
$path = Join-Path $PSScriptRoot 'results/import.md'
Set-Content -Path $path -Value $report
Write-Host $report
