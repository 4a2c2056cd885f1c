<#
.SYNOPSIS
    Start-up cost: what Import-Module WorkOSDomains adds to a fresh pwsh, and how long the first
    call takes right after import compared with Invoke-RestMethod's first call.
.DESCRIPTION
    Times `pwsh -NoProfile -Command exit`, `Import-Module <psd1>`, and `Import-Module` of an empty
    manifest (what PowerShell charges any module), alternating them so machine noise hits all
    alike. Then, each in a fresh pwsh against the same emulator: `Get-WorkOSOrganization -First 1`
    right after import, and `Invoke-RestMethod` for the first page. Targets: the module adds at
    most 150 ms to a cold start; the first call is no more than 1.5 times Invoke-RestMethod's.
    -Quick takes 3 runs instead of 15.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [switch] $Quick
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchTools.psm1') -Force
$ModulePath = (Resolve-Path $ModulePath).Path
$emulatorPath = Join-Path (Split-Path $PSScriptRoot) 'tests/WorkOSDomains.Emulator/bin/Release/net10.0/WorkOSDomains.Emulator.dll'
$runs = if ($Quick) { 3 } else { 15 }
$pwsh = Get-PwshCommand
$pwshArgs = @($pwsh | Select-Object -Skip 1)

function Measure-Start([string] $command) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    & $pwsh[0] @pwshArgs -NoProfile -NonInteractive -Command $command
    if ($LASTEXITCODE -ne 0) { throw "pwsh -Command '$command' failed." }
    $clock.Elapsed.TotalMilliseconds
}

$emptyFolder = New-Item -ItemType Directory -Force (Join-Path ([IO.Path]::GetTempPath()) 'workos-bench-empty')
$emptyManifest = Join-Path $emptyFolder 'Empty.psd1'
Set-Content $emptyManifest "@{ ModuleVersion = '1.0'; GUID = '$([guid]::NewGuid())'; CmdletsToExport = @(); FunctionsToExport = @() }"
$importCommand = "Import-Module '$ModulePath'"
$emptyCommand = "Import-Module '$emptyManifest'"
$null = Measure-Start 'exit'; $null = Measure-Start $importCommand # warm the disk cache, not the process
$bare = @(); $import = @(); $empty = @()
for ($i = 0; $i -lt $runs; $i++) {
    $bare += Measure-Start 'exit'
    $import += Measure-Start $importCommand
    $empty += Measure-Start $emptyCommand
}
Remove-Item $emptyFolder -Recurse

$ours = {
    param($ModulePath, $BaseUri, $Key)
    Import-Module $ModulePath
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $null = Get-WorkOSOrganization -ApiKey $Key -BaseUri $BaseUri -First 1
    @{ ms = $clock.Elapsed.TotalMilliseconds } | ConvertTo-Json -Compress
}
$theirs = {
    param($BaseUri, $Key)
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $null = Invoke-RestMethod -Uri "$($BaseUri)organizations?limit=1" -Headers @{ Authorization = "Bearer $Key" }
    @{ ms = $clock.Elapsed.TotalMilliseconds } | ConvertTo-Json -Compress
}
$key = 'sk_test_fake_bench'
$emulator = Start-WorkOSEmulator -Path $emulatorPath -ArgumentList '--api-key', $key, '--seed', (Join-Path (Split-Path $PSScriptRoot) 'samples/emulator-seed.json')
try {
    $firstOurs = @(); $firstTheirs = @()
    for ($i = 0; $i -lt [math]::Min($runs, 7); $i++) {
        $firstOurs += (Invoke-BenchChild $ours @{ ModulePath = $ModulePath; BaseUri = $emulator.BaseUri; Key = $key }).ms
        $firstTheirs += (Invoke-BenchChild $theirs @{ BaseUri = $emulator.BaseUri; Key = $key }).ms
    }
}
finally { $emulator | Stop-WorkOSEmulator }

$m = [ordered]@{
    'pwsh -NoProfile -Command exit' = Get-Statistic $bare 'ms'
    'pwsh -NoProfile -Command "Import-Module WorkOSDomains.psd1"' = Get-Statistic $import 'ms'
    'pwsh -NoProfile -Command "Import-Module Empty.psd1" (no code)' = Get-Statistic $empty 'ms'
    'first Get-WorkOSOrganization -First 1 after import' = Get-Statistic $firstOurs 'ms'
    'first Invoke-RestMethod to the same emulator' = Get-Statistic $firstTheirs 'ms'
}
$added = $m[1].median - $m[0].median
$anyModule = $m[2].median - $m[0].median
$first = $m[3].median / $m[4].median
Save-BenchResult -Quick:$Quick -Name 'import' -Title 'Cold import and first call' `
    -Command "dotnet pwsh ./build.ps1 Bench$(if ($Quick) { ' -Quick' }) (bench/Measure-Import.ps1)" -Measurements $m -Comparisons @(
        @{ What = "cold start with the module / bare pwsh ($([math]::Round($added)) ms added; $([math]::Round($anyModule)) ms for any module)"; Ratio = $m[1].median / $m[0].median; Target = 'at most 150 ms added'; Meets = $added -le 150 }
        @{ What = 'import over an empty manifest'; Ratio = $m[1].median / $m[2].median; Target = 'for reference'; Meets = $true }
        @{ What = "first call: ours / Invoke-RestMethod's"; Ratio = $first; Target = 'at most 1.5x'; Meets = $first -le 1.5 }
    ) -Notes @('The first call includes loading the engine and its dependencies into their load context, building the HTTP pipeline and JIT-compiling the path; Invoke-RestMethod pays its own first-use costs.')
