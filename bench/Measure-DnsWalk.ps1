<#
.SYNOPSIS
    Queries, wall time and peak memory of one DNS check where the walk could run away (issue 8).
.DESCRIPTION
    Builds a loopback DNS world of Knot processes on 127.78.0.x:53 (needs root): contoso.test and
    fabrikam.test with 4 name servers each, one Knot process per server, and one more Knot that
    serves both zones with authority as the bootstrap (as a forwarder answers). Then, for each
    scenario, runs one Test-WorkOSDnsChallenge in a fresh PowerShell process and records:
      queries   every query the Knot servers received during the check (Knot's mod-stats)
      seconds   the check alone (the cmdlet call, timed inside the process)
      peakMB    the process's peak resident memory (GNU time), PowerShell and the module included
    Scenarios: a delegation loop (the challenge name delegated to the zone's own 4 servers), a
    CNAME loop between the two 4-server zones, and a valid CNAME between them. A check that has
    not finished after -TimeoutSeconds is killed and recorded as such.
    Results: bench/results/dns-walk-<Label>.json and .md.
.EXAMPLE
    dotnet pwsh ./bench/Measure-DnsWalk.ps1 -ModulePath ./out/WorkOSDomains/0.1.0/WorkOSDomains.psd1 -Label after
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $Label = 'after',
    [int] $Runs = 3,
    [int] $TimeoutSeconds = 60,
    # What the module was built from, for the record.
    [string] $Source = 'this checkout',
    # One run each, results in out/bench-quick instead of over the recorded ones.
    [switch] $Quick
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tests/dns/KnotLab.psm1')
$ModulePath = (Resolve-Path $ModulePath).Path
$resultFolder = Join-Path $PSScriptRoot 'results'
if ($Quick) { $Runs = 1; $resultFolder = New-Item -ItemType Directory -Force (Join-Path (Split-Path $PSScriptRoot) 'out/bench-quick') }
$token = 'm5Oztg3jdK4NJLgs8uIlIprMw'
$net = '127.78.0.'

function New-World([hashtable] $Records) {
    # Each zone: 4 servers (a Knot process each) and the records given; a bootstrap serving both.
    $zones = @{}
    $hosts = @{ 'contoso.test' = 11; 'fabrikam.test' = 21 }
    foreach ($zone in $hosts.Keys) {
        $ns = foreach ($i in 1..4) { "@ IN NS ns$i.$zone."; "ns$i IN A $net$($hosts[$zone] + $i - 1)" }
        $zones[$zone] = (@($ns) + $Records[$zone]) -join "`n"
    }
    $servers = @(foreach ($zone in $hosts.Keys) {
            foreach ($i in 1..4) { Start-KnotServer -Zone @{ $zone = $zones[$zone] } -Address "$net$($hosts[$zone] + $i - 1)" -Port 53 -Stats }
        })
    $servers += Start-KnotServer -Zone $zones -Address "${net}3" -Port 53 -Stats
    $servers
}

$scenarios = [ordered]@{
    'delegation loop, 4 servers'           = @{ 'contoso.test' = (1..4 | ForEach-Object { "_workos-challenge IN NS ns$_.contoso.test." }); 'fabrikam.test' = @() }
    'cross-zone CNAME loop, 4+4 servers'   = @{ 'contoso.test' = @('_workos-challenge IN CNAME _challenge.fabrikam.test.'); 'fabrikam.test' = @('_challenge IN CNAME _workos-challenge.contoso.test.') }
    'valid cross-zone CNAME, 4+4 servers'  = @{ 'contoso.test' = @('_workos-challenge IN CNAME _challenge.fabrikam.test.'); 'fabrikam.test' = @("_challenge IN TXT `"$token`"") }
}

$child = Join-Path ([IO.Path]::GetTempPath()) "workos-walk-$([guid]::NewGuid().ToString('N')).ps1"
@'
param($ModulePath, $Bootstrap, $Token)
Import-Module $ModulePath
$clock = [Diagnostics.Stopwatch]::StartNew()
$r = Test-WorkOSDnsChallenge -Domain contoso.test -Token $Token -Prefix _workos-challenge -BootstrapServer $Bootstrap -AuthoritativePort 53 -ErrorAction Continue
$clock.Stop()
"RESULT $($clock.Elapsed.TotalSeconds) $($r.Status) $(@($r.Servers).Count) $(@($r.Findings.Code) -join ',')"
'@ | Set-Content $child
$pwsh = (Get-Process -Id $PID).Path
$pwshArgs = @(if ($pwsh -match 'dotnet$') { 'pwsh' })

$results = [ordered]@{}
try {
    foreach ($name in $scenarios.Keys) {
        $world = New-World $scenarios[$name]
        try {
            $measured = @(foreach ($attempt in 1..$Runs) {
                $before = ($world | ForEach-Object { Get-KnotQueryCount $_ } | Measure-Object -Sum).Sum
                $wall = [Diagnostics.Stopwatch]::StartNew()
                $out = & /usr/bin/time -f 'PEAK %M' timeout -s KILL $TimeoutSeconds $pwsh @pwshArgs -NoProfile -NonInteractive -File $child $ModulePath "${net}3:53" $token 2>&1
                $after = ($world | ForEach-Object { Get-KnotQueryCount $_ } | Measure-Object -Sum).Sum
                $peak = [int](($out | Select-String 'PEAK (\d+)').Matches[0].Groups[1].Value) / 1024
                $line = $out | Select-String '^RESULT (\S+) (\S*) (\d+) (.*)$'
                $finished = $null -ne $line
                [ordered]@{
                    finished = $finished
                    queries  = $after - $before
                    # The check alone when it finished; else the process's whole life, start-up included.
                    seconds  = if ($finished) { [math]::Round([double]$line.Matches[0].Groups[1].Value, 3) } else { [math]::Round($wall.Elapsed.TotalSeconds, 3) }
                    peakMB   = [math]::Round($peak, 1)
                    status   = if ($finished) { $line.Matches[0].Groups[2].Value }
                               elseif ($out -match 'Out of memory') { 'process crashed: Out of memory' }
                               elseif ($out -match 'signal 9') { "killed after $TimeoutSeconds s" }
                               else { 'process failed' }
                    rows     = if ($finished) { [int]$line.Matches[0].Groups[3].Value } else { $null }
                    findings = if ($finished) { $line.Matches[0].Groups[4].Value } else { '' }
                }
                Write-Host "$name, run ${attempt}: $(($out | Select-Object -Last 2) -join ' ')"
            })
            $summary = [ordered]@{ runs = $measured }
            foreach ($metric in 'queries', 'seconds', 'peakMB') {
                $values = @($measured | ForEach-Object { $_.$metric } | Sort-Object)
                $summary[$metric] = [ordered]@{ median = $values[[int][math]::Floor(($values.Count - 1) / 2)]; min = $values[0]; max = $values[-1] }
            }
            $results[$name] = $summary
        }
        finally { $world | Stop-KnotServer }
    }
}
finally { Remove-Item $child -ErrorAction Ignore }

$machine = "$([Environment]::ProcessorCount) cores, $([System.Runtime.InteropServices.RuntimeInformation]::OSDescription), PowerShell $($PSVersionTable.PSVersion), Knot $((& knotd --version) -replace '.*version ', '')"
$command = "dotnet pwsh ./bench/Measure-DnsWalk.ps1 -ModulePath <module> -Label $Label -Runs $Runs"
$json = [ordered]@{ label = $Label; source = $Source; date = (Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm') + ' UTC'; machine = $machine; command = $command; module = $ModulePath; scenarios = $results }
$json | ConvertTo-Json -Depth 6 | Set-Content (Join-Path $resultFolder "dns-walk-$Label.json")

$md = @("# DNS walk: one check where it could run away ($Label)", '', "Command: ``$command``", "Date: $($json.date)", "Machine: $machine", '',
    'One check per fresh PowerShell process; medians of the runs (min-max). Peak memory is the whole process (PowerShell and the module included).', '',
    '| scenario | queries | seconds | peak MB | runs: status, rows in the report, findings |', '|---|---|---|---|---|')
foreach ($name in $results.Keys) {
    $s = $results[$name]
    $first = $s.runs[0]
    $outcomes = ($s.runs | ForEach-Object { if ($_.finished) { "$($_.status), $($_.rows) rows, $($_.findings)" } else { $_.status } } | Group-Object -NoElement | ForEach-Object { "$($_.Count)x $($_.Name)" }) -join '; '
    $md += "| $name | $($s.queries.median) ($($s.queries.min)-$($s.queries.max)) | $($s.seconds.median) ($($s.seconds.min)-$($s.seconds.max)) | $($s.peakMB.median) ($($s.peakMB.min)-$($s.peakMB.max)) | $outcomes |"
}
$md += '', 'Seconds: the check alone (the cmdlet call); for a process that crashed or was killed, its whole life.'
$md -join "`n" | Set-Content (Join-Path $resultFolder "dns-walk-$Label.md")
Write-Host ($md -join "`n")
