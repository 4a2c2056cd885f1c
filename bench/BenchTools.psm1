# Shared by the benchmarks: statistics, fresh child processes, and results written as JSON (the
# record) and Markdown (for people), both in bench/results.

Import-Module (Join-Path $PSScriptRoot '../tests/pester/TestHelpers.psm1')

function Get-Statistic {
    # Median, minimum and maximum of repeated runs.
    param([Parameter(Mandatory)] [double[]] $Values, [string] $Unit = 's')
    $sorted = @($Values | Sort-Object)
    $middle = [math]::Floor($sorted.Count / 2)
    $median = if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
    [ordered]@{ unit = $Unit; runs = $sorted.Count; median = [math]::Round($median, 3); min = [math]::Round($sorted[0], 3); max = [math]::Round($sorted[-1], 3); values = @($Values | ForEach-Object { [math]::Round($_, 3) }) }
}

function Invoke-BenchChild {
    <#
    .SYNOPSIS
        Runs a script block (with a param block) in a fresh pwsh, so each method starts with
        nothing loaded and its own memory, and returns the JSON it wrote last. Scripts report
        their peak working set as [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64.
    #>
    param([Parameter(Mandatory)] $Script, [hashtable] $Parameters = @{})
    # A script block runs as text; a path runs where it is, so its $PSScriptRoot holds.
    $run = if ($Script -is [scriptblock]) { Invoke-FreshPwsh -Script $Script.ToString() -Parameters $Parameters } else { Invoke-FreshPwsh -Path $Script -Parameters $Parameters }
    if (-not $run.Result) { throw "The benchmark child failed:`n$($run.Output)" }
    $run.Result
}

function Save-BenchResult {
    <#
    .SYNOPSIS
        Writes bench/results/<Name>.json and <Name>.md: machine, command, each measurement's runs,
        median, min and max, and the comparisons as ratios with their targets.
    #>
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string] $Title,
        [Parameter(Mandatory)] [string] $Command,
        # Measurement label -> Get-Statistic result.
        [Parameter(Mandatory)] [System.Collections.Specialized.OrderedDictionary] $Measurements,
        # Each: @{ What = '...'; Ratio = 1.23; Target = '...'; Meets = $true }
        [object[]] $Comparisons = @(),
        [string[]] $Notes = @(),
        # A quick run is a smoke test: its results go to out/bench-quick, not over the recorded ones.
        [switch] $Quick
    )
    $machine = [ordered]@{
        cores = [Environment]::ProcessorCount
        os = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription
        powershell = "$($PSVersionTable.PSVersion)"
        runtime = [System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
    }
    $record = [ordered]@{
        benchmark = $Name; title = $Title; date = (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
        command = $Command; machine = $machine; measurements = $Measurements
        comparisons = @($Comparisons | ForEach-Object { [ordered]@{ what = $_.What; ratio = [math]::Round($_.Ratio, 2); target = $_.Target; meets = [bool]$_.Meets } })
        notes = $Notes
    }
    $folder = if ($Quick) { New-Item -ItemType Directory -Force (Join-Path (Split-Path $PSScriptRoot) 'out/bench-quick') } else { Join-Path $PSScriptRoot 'results' }
    $record | ConvertTo-Json -Depth 6 | Set-Content (Join-Path $folder "$Name.json")

    $lines = @("# $Title", '', "Command: ``$Command``", "Date: $($record.date)",
        "Machine: $($machine.cores) cores, $($machine.os), PowerShell $($machine.powershell), $($machine.runtime)", '',
        '| measurement | runs | median | min | max | unit |', '|---|---|---|---|---|---|')
    foreach ($label in $Measurements.Keys) {
        $m = $Measurements[$label]
        $lines += "| $($label -replace '\|', '\|') | $($m.runs) | $($m.median) | $($m.min) | $($m.max) | $($m.unit) |"
    }
    if ($Comparisons) {
        $lines += '', '| comparison | ratio | target | result |', '|---|---|---|---|'
        foreach ($c in $Comparisons) { $lines += "| $($c.What) | **$([math]::Round($c.Ratio, 2))x** | $($c.Target) | $(if ($c.Meets) { 'meets' } else { 'MISSES' }) |" }
    }
    if ($Notes) { $lines += ''; $lines += $Notes }
    $text = $lines -join "`n"
    Set-Content (Join-Path $folder "$Name.md") $text
    Write-Host $text
}

Export-ModuleMember -Function Get-Statistic, Invoke-BenchChild, Save-BenchResult, Start-WorkOSEmulator, Stop-WorkOSEmulator, Invoke-EmulatorControl, Get-EmulatorRequest, Get-PwshCommand
