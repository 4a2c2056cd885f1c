<#
.SYNOPSIS
    Auditing 1,000 domains: Get-WorkOSOrganization | Get-WorkOSDomain | Test-WorkOSDnsChallenge
    against a sequential Invoke-RestMethod + dig loop, with WorkOS 50 ms away.
.DESCRIPTION
    The emulator holds 100 organizations with 10 domains each and answers every request after
    50 ms; Knot on loopback serves the zone audit.test with the TXT records: 700 right, 100
    missing, 100 with an old token, 100 quoted. The hand loop lists the organizations page by page
    and asks Knot for each record with dig, comparing the joined strings with the token. Both
    verdict lists must be identical. Target: at least 10 times faster. -Quick audits 200 domains.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [switch] $Quick
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchTools.psm1') -Force
Import-Module (Join-Path $PSScriptRoot '../tests/dns/KnotLab.psm1') -Force
$ModulePath = (Resolve-Path $ModulePath).Path
$root = Split-Path $PSScriptRoot
$emulatorPath = Join-Path $root 'tests/WorkOSDomains.Emulator/bin/Release/net10.0/WorkOSDomains.Emulator.dll'
$key = 'sk_test_fake_bench'
$organizations = if ($Quick) { 20 } else { 100 }
$runs = if ($Quick) { 1 } else { 3 }
$count = $organizations * 10

$ours = {
    param($ModulePath, $BaseUri, $Key, $Bootstrap, $Port)
    Import-Module $ModulePath
    Connect-WorkOS -ApiKey $Key -BaseUri $BaseUri -SkipValidation
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $results = @(Get-WorkOSOrganization | Get-WorkOSDomain | Test-WorkOSDnsChallenge -BootstrapServer $Bootstrap -AuthoritativePort $Port)
    @{ seconds = $clock.Elapsed.TotalSeconds; verdicts = @($results | Sort-Object Domain | ForEach-Object { "$($_.Domain)=$($_.Passed)" }) } | ConvertTo-Json -Compress
}
$byHand = {
    param($BaseUri, $Key, $Address, $Port)
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $headers = @{ Authorization = "Bearer $Key" }
    $verdicts = @()
    $after = $null
    do {
        $page = Invoke-RestMethod -Uri "$($BaseUri)organizations?limit=100$(if ($after) { "&after=$after" })" -Headers $headers
        foreach ($domain in $page.data.domains) {
            $answer = & dig +short +norec -p $Port "@$Address" "$($domain.verification_prefix).$($domain.domain)" TXT
            # dig prints each record's strings quoted and space-separated: join them as WorkOS does.
            $values = @($answer | ForEach-Object { ($_ -replace '^"|"$', '') -split '" "' -join '' })
            $verdicts += "$($domain.domain)=$($values -ccontains $domain.verification_token)"
        }
        $after = $page.list_metadata.after
    } while ($after)
    @{ seconds = $clock.Elapsed.TotalSeconds; verdicts = @($verdicts | Sort-Object) } | ConvertTo-Json -Compress
}

$seed = Join-Path ([IO.Path]::GetTempPath()) "workos-bench-audit.json"
@{ organizations = @(1..$organizations | ForEach-Object { $o = $_; @{ name = "Customer $o"; domain_data = @(1..10 | ForEach-Object { @{ domain = "c$o-d$_.audit.test"; state = 'pending' } }) } }) } |
    ConvertTo-Json -Depth 5 -Compress | Set-Content $seed
$emulator = Start-WorkOSEmulator -Path $emulatorPath -ArgumentList '--seed', $seed, '--api-key', $key, '--latency', 50
$knot = $null
try {
    $i = 0
    $records = foreach ($d in (Invoke-EmulatorControl $emulator GET state).organizations.domains) {
        $name = "$($d.verification_prefix).$($d.domain -replace '\.audit\.test$', '')"
        switch ($i++ % 10) {
            7 { }                                                          # missing
            8 { "$name IN TXT `"an-old-token`"" }
            9 { "$name IN TXT `"\`"$($d.verification_token)\`"`"" }       # stored with quotes
            default { "$name IN TXT `"$($d.verification_token)`"" }
        }
    }
    $knot = Start-KnotServer -Zone @{ 'audit.test' = ($records -join "`n") }
    $mine = @(); $theirs = @()
    for ($r = 0; $r -lt $runs; $r++) {
        $mine += Invoke-BenchChild $ours @{ ModulePath = $ModulePath; BaseUri = $emulator.BaseUri; Key = $key; Bootstrap = $knot.EndPoint; Port = $knot.Port }
        $theirs += Invoke-BenchChild $byHand @{ BaseUri = $emulator.BaseUri; Key = $key; Address = $knot.Address; Port = $knot.Port }
    }
}
finally {
    $emulator | Stop-WorkOSEmulator
    if ($knot) { $knot | Stop-KnotServer }
    Remove-Item $seed
}

$differ = @(Compare-Object $mine[0].verdicts $theirs[0].verdicts).Count
if ($mine[0].verdicts.Count -ne $count) { throw "Audited $($mine[0].verdicts.Count) of $count domains." }
$measurements = [ordered]@{
    "Get-WorkOSOrganization | Get-WorkOSDomain | Test-WorkOSDnsChallenge, $count domains" = Get-Statistic $mine.seconds 's'
    "Invoke-RestMethod + dig loop, $count domains" = Get-Statistic $theirs.seconds 's'
}
$speed = $measurements[1].median / $measurements[0].median
Save-BenchResult -Quick:$Quick -Name 'audit' -Title "Auditing $count domains: WorkOS 50 ms away, DNS on local Knot" `
    -Command "dotnet pwsh ./build.ps1 Bench$(if ($Quick) { ' -Quick' }) (bench/Measure-Audit.ps1)" -Measurements $measurements -Comparisons @(
        @{ What = 'hand loop time / ours'; Ratio = $speed; Target = 'at least 10x'; Meets = $speed -ge 10 -and $differ -eq 0 }
    ) -Notes @("Verdicts: $(@($mine[0].verdicts | Where-Object { $_ -like '*=True' }).Count) pass, $(@($mine[0].verdicts | Where-Object { $_ -like '*=False' }).Count) fail; $differ differ from the hand loop.",
        'Ours does the full check of every domain (zone discovery, every server, SOA serials, probes on failure); the hand loop asks one server one question per domain.')
