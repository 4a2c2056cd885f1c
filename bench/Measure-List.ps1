<#
.SYNOPSIS
    Listing 10,000 organizations (100 pages): the cmdlet's pipeline against the loop an admin
    writes by hand with Invoke-RestMethod, in wall time and peak working set.
.DESCRIPTION
    Seeds the emulator with 1,000 and 10,000 organizations. Each method runs in a fresh pwsh,
    alternating, and reports its time and its process's peak working set. Targets: the cmdlet is at
    least as fast as the hand loop, and flat in memory (its peak at 10,000 at most 1.5 times its
    peak at 1,000). -Quick lists 1,000 and 2,000 with fewer runs.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [switch] $Quick
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchTools.psm1') -Force
$ModulePath = (Resolve-Path $ModulePath).Path
$root = Split-Path $PSScriptRoot
$emulatorPath = Join-Path $root 'tests/WorkOSDomains.Emulator/bin/Release/net10.0/WorkOSDomains.Emulator.dll'
$key = 'sk_test_fake_bench'
$small, $large = if ($Quick) { 1000, 2000 } else { 1000, 10000 }
$runs = if ($Quick) { 1 } else { 3 }

$ours = {
    param($ModulePath, $BaseUri, $Key)
    Import-Module $ModulePath
    $start = [Diagnostics.Process]::GetCurrentProcess().WorkingSet64
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $count = 0
    Get-WorkOSOrganization -ApiKey $Key -BaseUri $BaseUri | ForEach-Object { $count++ }
    @{ seconds = $clock.Elapsed.TotalSeconds; count = $count; peakMB = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB; growthMB = ([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 - $start) / 1MB } | ConvertTo-Json -Compress
}
$byHand = {
    param($BaseUri, $Key)
    $start = [Diagnostics.Process]::GetCurrentProcess().WorkingSet64
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $headers = @{ Authorization = "Bearer $Key" }
    $all = @()
    $after = $null
    do {
        $page = Invoke-RestMethod -Uri "$($BaseUri)organizations?limit=100$(if ($after) { "&after=$after" })" -Headers $headers
        $all += $page.data
        $after = $page.list_metadata.after
    } while ($after)
    @{ seconds = $clock.Elapsed.TotalSeconds; count = $all.Count; peakMB = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB; growthMB = ([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 - $start) / 1MB } | ConvertTo-Json -Compress
}

$measurements = [ordered]@{}
$results = @{}
foreach ($size in $small, $large) {
    $seed = Join-Path ([IO.Path]::GetTempPath()) "workos-bench-list-$size.json"
    @{ organizations = @(1..$size | ForEach-Object { @{ name = "Customer $_"; domain_data = @(@{ domain = "customer$_.example"; state = 'pending' }) } }) } | ConvertTo-Json -Depth 5 -Compress | Set-Content $seed
    $emulator = Start-WorkOSEmulator -Path $emulatorPath -ArgumentList '--seed', $seed, '--api-key', $key
    try {
        $mine = @(); $theirs = @()
        for ($i = 0; $i -lt $runs; $i++) {
            $mine += Invoke-BenchChild $ours @{ ModulePath = $ModulePath; BaseUri = $emulator.BaseUri; Key = $key }
            $theirs += Invoke-BenchChild $byHand @{ BaseUri = $emulator.BaseUri; Key = $key }
        }
    }
    finally { $emulator | Stop-WorkOSEmulator; Remove-Item $seed }
    foreach ($r in $mine + $theirs) { if ($r.count -ne $size) { throw "Listed $($r.count) of $size organizations." } }
    $results[$size] = @{ Ours = $mine; Theirs = $theirs }
    $measurements["Get-WorkOSOrganization, $size organizations: time"] = Get-Statistic $mine.seconds 's'
    $measurements["Invoke-RestMethod loop, $size organizations: time"] = Get-Statistic $theirs.seconds 's'
    $measurements["Get-WorkOSOrganization, $size organizations: peak working set"] = Get-Statistic $mine.peakMB 'MB'
    $measurements["Invoke-RestMethod loop, $size organizations: peak working set"] = Get-Statistic $theirs.peakMB 'MB'
    $measurements["Get-WorkOSOrganization, $size organizations: peak growth while listing"] = Get-Statistic $mine.growthMB 'MB'
    $measurements["Invoke-RestMethod loop, $size organizations: peak growth while listing"] = Get-Statistic $theirs.growthMB 'MB'
}

$speed = $measurements["Invoke-RestMethod loop, $large organizations: time"].median / $measurements["Get-WorkOSOrganization, $large organizations: time"].median
$flat = $measurements["Get-WorkOSOrganization, $large organizations: peak working set"].median / $measurements["Get-WorkOSOrganization, $small organizations: peak working set"].median
$memory = $measurements["Invoke-RestMethod loop, $large organizations: peak working set"].median / $measurements["Get-WorkOSOrganization, $large organizations: peak working set"].median
Save-BenchResult -Quick:$Quick -Name 'list' -Title "Listing $large organizations: the pipeline against a hand-written Invoke-RestMethod loop" `
    -Command "dotnet pwsh ./build.ps1 Bench$(if ($Quick) { ' -Quick' }) (bench/Measure-List.ps1)" -Measurements $measurements -Comparisons @(
        @{ What = "speed at $large (hand loop time / ours)"; Ratio = $speed; Target = 'at least 1x'; Meets = $speed -ge 1 }
        @{ What = "our peak working set at $large / at $small"; Ratio = $flat; Target = 'at most 1.5x'; Meets = $flat -le 1.5 }
        @{ What = "hand loop's peak working set at $large / ours"; Ratio = $memory; Target = 'for reference'; Meets = $true }
    ) -Notes @('Each run is a fresh pwsh that imports what it needs, lists every organization and reports its own peak working set (the process includes PowerShell itself, about 100 MB), and how far that peak rose above the working set just before the list began.',
        'The hand loop is the usual admin script: follow list_metadata.after 100 at a time and collect the pages in an array.')
