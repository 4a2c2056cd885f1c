<#
.SYNOPSIS
    Checking 1,000 domains against local Knot: Test-WorkOSDnsChallenge against a sequential dig
    loop and 16 parallel dig processes, and the query rate it sustains against what dnsperf gets
    from the same Knot.
.DESCRIPTION
    Serves 1,000 subdomains of bench.test from Knot on loopback: 700 with the right TXT record and
    300 wrong in assorted ways (missing, wrong value, quoted). The dig baselines ask the server for
    each record (one dig per domain: in a loop, and with xargs -P 16) and compare the joined
    strings with the token; their verdicts must equal ours. Test-WorkOSDnsChallenge runs with its
    default throttle (16) and does its full check (zone discovery, every server, SOA serials,
    probes on failure), so it sends several queries per domain: Knot counts them (mod-stats).
    dnsperf then sends the record queries to the same Knot as fast as it can.
    Targets: at least 10 times the dig loop, faster than parallel dig, and a query rate of at
    least 25% of dnsperf's. -Quick checks 200 domains.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [switch] $Quick
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchTools.psm1') -Force
Import-Module (Join-Path $PSScriptRoot '../tests/dns/KnotLab.psm1') -Force
$ModulePath = (Resolve-Path $ModulePath).Path
if (-not (Get-Command dnsperf -ErrorAction Ignore)) { throw 'dnsperf is not installed; the DNS benchmark compares with it: apt-get install dnsperf' }
Import-Module $ModulePath
$count = if ($Quick) { 200 } else { 1000 }
$runs = if ($Quick) { 1 } else { 3 }

$token = 'm5Oztg3jdK4NJLgs8uIlIprMw'
$domains = foreach ($i in 0..($count - 1)) {
    $name = 'd{0:D4}' -f $i
    $record = switch ($i % 10) {
        7 { '' }                                                           # missing
        8 { "_workos-challenge.$name IN TXT `"an-old-token`"" }            # wrong value
        9 { "_workos-challenge.$name IN TXT `"\`"$token\`"`"" }            # stored with quotes
        default { "_workos-challenge.$name IN TXT `"$token`"" }
    }
    [pscustomobject]@{ Domain = "$name.bench.test"; VerificationToken = $token; VerificationPrefix = '_workos-challenge'; Record = $record }
}
$names = Join-Path ([IO.Path]::GetTempPath()) "workos-bench-names-$([guid]::NewGuid().ToString('N')).txt"
$domains | ForEach-Object { "_workos-challenge.$($_.Domain)" } | Set-Content $names
Get-Content $names | ForEach-Object { "$_ TXT" } | Set-Content "$names.perf" # dnsperf's query file
$knot = Start-KnotServer -Zone @{ 'bench.test' = (($domains.Record | Where-Object { $_ }) -join "`n") } -Stats
# The ceiling under ours: DnsClient alone, with the inspector's query options.
$ceiling = Join-Path (Split-Path $PSScriptRoot) 'out/bench/DnsClientRate'
& dotnet build (Join-Path $PSScriptRoot 'DnsClientRate') -c Release -o $ceiling --nologo -v q | Out-Null
if ($LASTEXITCODE -ne 0) { throw 'Building bench/DnsClientRate failed.' }

# dig prints each record's strings quoted and space-separated: join them as WorkOS does.
function Test-DigAnswer([string[]] $answer) { @($answer | ForEach-Object { ($_ -replace '^"|"$', '') -split '" "' -join '' }) -ccontains $token }

try {
    $loop = @(); $parallel = @(); $ours = @(); $oursQps = @(); $dnsperf = @(); $dnsClient = @(); $bare = @()
    for ($r = 0; $r -lt $runs; $r++) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $digVerdicts = foreach ($d in $domains) { Test-DigAnswer (& dig +short +norec -p $knot.Port "@$($knot.Address)" "_workos-challenge.$($d.Domain)" TXT) }
        $loop += $clock.Elapsed.TotalSeconds

        # The one-liner an admin reaches for: one dig per name, 16 at a time.
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $lines = & bash -c "xargs -P 16 -I{} dig +norec +noall +answer -p $($knot.Port) @$($knot.Address) {} TXT < '$names'"
        $parallel += $clock.Elapsed.TotalSeconds
        if (@($lines | Where-Object { $_ -match 'TXT' }).Count -ne @($domains | Where-Object Record).Count) { throw 'Parallel dig missed answers.' }

        $clock = [Diagnostics.Stopwatch]::StartNew()
        $results = @($domains | Test-WorkOSDnsChallenge -BootstrapServer $knot.EndPoint -AuthoritativePort $knot.Port)
        $ours += $clock.Elapsed.TotalSeconds
        # The sustained rate: five passes back to back, as long as the DnsClient and dnsperf runs.
        $before = Get-KnotQueryCount $knot
        $clock = [Diagnostics.Stopwatch]::StartNew()
        foreach ($pass in 1..5) { $null = $domains | Test-WorkOSDnsChallenge -BootstrapServer $knot.EndPoint -AuthoritativePort $knot.Port }
        $oursQps += ((Get-KnotQueryCount $knot) - $before) / $clock.Elapsed.TotalSeconds

        $perf = & dnsperf -s $knot.Address -p $knot.Port -d "$names.perf" -l 5 -c 4 2>&1
        $qps = ($perf | Select-String 'Queries per second:\s+([\d.]+)').Matches.Groups[1].Value
        if (-not $qps) { throw "dnsperf did not report a rate: $perf" }
        $dnsperf += [double]$qps
        $dnsClient += [double](& dotnet (Join-Path $ceiling 'DnsClientRate.dll') $knot.EndPoint $names 64)
        $bare += [double](& dotnet (Join-Path $ceiling 'DnsClientRate.dll') $knot.EndPoint $names 64 bare)
    }
}
finally {
    $knot | Stop-KnotServer
    Remove-Item $names, "$names.perf" -ErrorAction Ignore
}

$mismatches = @(for ($i = 0; $i -lt $count; $i++) { if ($digVerdicts[$i] -ne $results[$i].Passed) { $domains[$i].Domain } })
$m = [ordered]@{
    "sequential dig loop, $count domains" = Get-Statistic $loop 's'
    "dig with xargs -P 16, $count domains" = Get-Statistic $parallel 's'
    "Test-WorkOSDnsChallenge (throttle 16, full check), $count domains" = Get-Statistic $ours 's'
    'Test-WorkOSDnsChallenge, five passes back to back: queries per second Knot received' = Get-Statistic $oursQps 'queries/s'
    'dnsperf against the same Knot (4 clients, 5 s)' = Get-Statistic $dnsperf 'queries/s'
    'DnsClient alone, the inspector''s query options, 64 in flight (bench/DnsClientRate, 5 s)' = Get-Statistic $dnsClient 'queries/s'
    'a bare UDP socket per query, nothing parsed, 64 in flight (bench/DnsClientRate bare, 5 s)' = Get-Statistic $bare 'queries/s'
}
$vsLoop = $m[0].median / $m[2].median
$vsParallel = $m[1].median / $m[2].median
$vsPerf = $m[3].median / $m[4].median
Save-BenchResult -Quick:$Quick -Name 'dns-check' -Title "Checking $count domains against local Knot" `
    -Command "dotnet pwsh ./build.ps1 Bench$(if ($Quick) { ' -Quick' }) (bench/Measure-DnsCheck.ps1)" -Measurements $m -Comparisons @(
        @{ What = 'dig loop time / ours'; Ratio = $vsLoop; Target = 'at least 10x, identical verdicts'; Meets = $vsLoop -ge 10 -and $mismatches.Count -eq 0 }
        @{ What = 'parallel dig time / ours'; Ratio = $vsParallel; Target = 'more than 1x'; Meets = $vsParallel -gt 1 }
        @{ What = "our query rate / dnsperf's"; Ratio = $vsPerf; Target = 'at least 0.25x'; Meets = $vsPerf -ge 0.25 }
        @{ What = "our query rate / DnsClient's own"; Ratio = $m[3].median / $m[5].median; Target = 'for reference'; Meets = $true }
        @{ What = "DnsClient's own rate / dnsperf's: the ceiling of any inspector built on it"; Ratio = $m[5].median / $m[4].median; Target = 'for reference'; Meets = $true }
        @{ What = "a bare socket per query / dnsperf's: the ceiling of DnsClient's one-socket-per-query design"; Ratio = $m[6].median / $m[4].median; Target = 'for reference'; Meets = $true }
    ) -Notes @("Verdicts: $(@($results | Where-Object Passed).Count) pass, $(@($results | Where-Object { -not $_.Passed }).Count) fail; $($mismatches.Count) differ from the dig loop.",
        "Ours sends several queries per domain (zone SOA and NS, the record, the SOA serial, and on failure the probes for misplaced records); dig asks one question per domain.",
        "DnsClient opens a socket for every query and raises (and catches) an exception for every NXDOMAIN answer; dnsperf keeps a few sockets open. On this 2-core machine, shared with Knot, that caps any DnsClient-based inspector well below dnsperf: even a bare socket per query, with nothing parsed, stays near the 0.25x target. DnsClient 1.8 offers no way to reuse sockets (its message handlers are internal), so reaching the target would mean replacing it with a DNS client of our own.")
