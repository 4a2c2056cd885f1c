<#
.SYNOPSIS
    Checking 1,000 domains against local Knot: a sequential dig loop versus Test-WorkOSDnsChallenge.
.DESCRIPTION
    Serves 1,000 subdomains of bench.test from Knot on loopback: 700 with the right TXT record and
    300 wrong in assorted ways (missing, wrong value, quoted). The baseline asks the authoritative
    server for each record with one dig per domain, in a loop, and compares the joined strings
    with the token. Test-WorkOSDnsChallenge runs with its default throttle (16) and does its full
    check (zone discovery, every server, SOA serials, probes on failure). Both verdict lists must
    be identical. Target: at least 10 times the dig loop's throughput. Results go to
    bench/results/dns-check.md.
.EXAMPLE
    dotnet pwsh ./build.ps1 Bench
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Count = 1000
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tests/dns/KnotLab.psm1')
Import-Module $ModulePath

$token = 'm5Oztg3jdK4NJLgs8uIlIprMw'
$domains = foreach ($i in 0..($Count - 1)) {
    $name = 'd{0:D4}' -f $i
    $record = switch ($i % 10) {
        7 { '' }                                                           # missing
        8 { "_workos-challenge.$name IN TXT `"an-old-token`"" }            # wrong value
        9 { "_workos-challenge.$name IN TXT `"\`"$token\`"`"" }            # stored with quotes
        default { "_workos-challenge.$name IN TXT `"$token`"" }
    }
    [pscustomobject]@{ Domain = "$name.bench.test"; VerificationToken = $token; VerificationPrefix = '_workos-challenge'; Record = $record }
}
$knot = Start-KnotServer -Zone @{ 'bench.test' = (($domains.Record | Where-Object { $_ }) -join "`n") }
try {
    $dig = [Diagnostics.Stopwatch]::StartNew()
    $digVerdicts = foreach ($d in $domains) {
        $answer = & dig +short +norec -p $knot.Port "@$($knot.Address)" "_workos-challenge.$($d.Domain)" TXT
        # dig prints each record's strings quoted and space-separated: join them as WorkOS does.
        $values = @($answer | ForEach-Object { ($_ -replace '^"|"$', '') -split '" "' -join '' })
        $values -ccontains $token
    }
    $dig.Stop()

    $cmdlet = [Diagnostics.Stopwatch]::StartNew()
    $results = @($domains | Test-WorkOSDnsChallenge -BootstrapServer $knot.EndPoint -AuthoritativePort $knot.Port)
    $cmdlet.Stop()
}
finally {
    $knot | Stop-KnotServer
}

$ourVerdicts = $results.Passed
$mismatches = @(for ($i = 0; $i -lt $Count; $i++) { if ($digVerdicts[$i] -ne $ourVerdicts[$i]) { $domains[$i].Domain } })
$digRate = $Count / $dig.Elapsed.TotalSeconds
$ourRate = $Count / $cmdlet.Elapsed.TotalSeconds
$speedup = $ourRate / $digRate
$verdict = if ($speedup -ge 10 -and $mismatches.Count -eq 0) { 'meets' } else { 'MISSES' }
$codes = ($results.Findings | Where-Object Severity -in 'Fail', 'Error' | Group-Object Code -NoElement | ForEach-Object { "$($_.Name) $($_.Count)" }) -join ', '

$report = @"
# Checking $Count domains against local Knot

Command: ``dotnet pwsh ./build.ps1 Bench`` (bench/Measure-DnsCheck.ps1)
Date: $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm')) UTC
Machine: $([Environment]::ProcessorCount) cores, $([System.Runtime.InteropServices.RuntimeInformation]::OSDescription), PowerShell $($PSVersionTable.PSVersion), Knot $((& knotd --version) -replace '.*version ', '')

| method | time (s) | domains per second |
|---|---|---|
| sequential ``dig +norec`` loop (one query per domain) | $([math]::Round($dig.Elapsed.TotalSeconds, 2)) | $([math]::Round($digRate)) |
| ``Test-WorkOSDnsChallenge`` (default throttle 16, full check) | $([math]::Round($cmdlet.Elapsed.TotalSeconds, 2)) | $([math]::Round($ourRate)) |
| **speed-up** | | **$([math]::Round($speedup, 1))x** |

Verdicts: $(@($ourVerdicts | Where-Object { $_ }).Count) pass, $(@($ourVerdicts | Where-Object { -not $_ }).Count) fail; $($mismatches.Count) differ from the dig loop$(if ($mismatches.Count) { ': ' + ($mismatches | Select-Object -First 10) -join ', ' }).
Failing findings: $codes.

Target: at least 10x the dig loop, with identical verdicts. Result: $verdict the target.
"@
Set-Content -Path (Join-Path $PSScriptRoot 'results/dns-check.md') -Value $report
Write-Host $report
