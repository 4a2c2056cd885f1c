<#
.SYNOPSIS
    Claiming 3,000 domains against a server that allows 100 requests a second, 50 ms away: the
    pipeline against a hand-written Invoke-RestMethod loop.
.DESCRIPTION
    The emulator refuses more than 100 requests per one-second window (429 with Retry-After) and
    answers each request after 50 ms. The limit allows 3,000 creates in no less than 30 s. The
    cmdlet runs with its defaults (-ThrottleLimit 8) and Connect-WorkOS -RateLimit 6000 (per
    minute: the same 100 a second). Targets: at most 1.05 times the 30 s floor, no 429 reaching
    the user, no duplicate and no lost domain. Beside it, the loop an admin writes, one request at
    a time, with its time and the 429 errors it surfaces. -Quick claims 300 domains.
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
$count = if ($Quick) { 300 } else { 3000 }
$runs = if ($Quick) { 1 } else { 3 }
$floor = $count / 100

$ours = {
    param($ModulePath, $BaseUri, $Key, $OrganizationId, $Count)
    Import-Module $ModulePath
    Connect-WorkOS -ApiKey $Key -BaseUri $BaseUri -RateLimit 6000 -SkipValidation
    $names = 1..[int]$Count | ForEach-Object { "d$_.rate.example" }
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $created = @($names | New-WorkOSOrganizationDomain -OrganizationId $OrganizationId -ErrorVariable failures -ErrorAction SilentlyContinue).Count
    @{ seconds = $clock.Elapsed.TotalSeconds; created = $created; errors = $failures.Count; rateLimited = @($failures | Where-Object FullyQualifiedErrorId -like 'WorkOS.RateLimited*').Count } | ConvertTo-Json -Compress
}
$byHand = {
    param($BaseUri, $Key, $OrganizationId, $Count)
    $headers = @{ Authorization = "Bearer $Key" }
    $created = 0; $rateLimited = 0; $errors = 0
    $clock = [Diagnostics.Stopwatch]::StartNew()
    foreach ($i in 1..[int]$Count) {
        try {
            $null = Invoke-RestMethod -Method Post -Uri "$($BaseUri)organization_domains" -Headers $headers -ContentType 'application/json' -Body (@{ organization_id = $OrganizationId; domain = "d$i.rate.example" } | ConvertTo-Json)
            $created++
        }
        catch {
            $errors++
            if ($_.Exception.Response.StatusCode -eq 429) { $rateLimited++ }
        }
    }
    @{ seconds = $clock.Elapsed.TotalSeconds; created = $created; errors = $errors; rateLimited = $rateLimited } | ConvertTo-Json -Compress
}

# What an admin tries next when the loop is too slow: 16 at once. Without pacing it meets the limit.
$byHandInParallel = {
    param($BaseUri, $Key, $OrganizationId, $Count)
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $outcomes = 1..[int]$Count | ForEach-Object -ThrottleLimit 16 -Parallel {
        try {
            $body = @{ organization_id = $using:OrganizationId; domain = "d$_.rate.example" } | ConvertTo-Json
            $null = Invoke-RestMethod -Method Post -Uri "$($using:BaseUri)organization_domains" -Headers @{ Authorization = "Bearer $using:Key" } -ContentType 'application/json' -Body $body
            'created'
        }
        catch { if ($_.Exception.Response.StatusCode -eq 429) { 'rateLimited' } else { 'error' } }
    }
    @{ seconds = $clock.Elapsed.TotalSeconds; created = @($outcomes -eq 'created').Count; errors = @($outcomes -ne 'created').Count; rateLimited = @($outcomes -eq 'rateLimited').Count } | ConvertTo-Json -Compress
}

function Invoke-Method([scriptblock] $Script, [hashtable] $Parameters, $Emulator) {
    $null = Invoke-EmulatorControl $Emulator POST reset
    $null = Invoke-EmulatorControl $Emulator POST seed @{ organizations = @(@{ id = 'org_01RATE'; name = 'Rate' }) }
    $result = Invoke-BenchChild $Script ($Parameters + @{ BaseUri = $Emulator.BaseUri; Key = $key; OrganizationId = 'org_01RATE'; Count = $count })
    $domains = @((Invoke-EmulatorControl $Emulator GET state).organizations.domains.domain)
    $result | Add-Member duplicates ($domains.Count - @($domains | Sort-Object -Unique).Count)
    $result | Add-Member stored $domains.Count
    $result | Add-Member requests @(Get-EmulatorRequest $Emulator).Count
    $result
}

$emulator = Start-WorkOSEmulator -Path $emulatorPath -ArgumentList '--api-key', $key, '--rate-limit', 100, '--rate-window-ms', 1000, '--latency', 50
try {
    $mine = @(); $theirs = @(); $parallel = @()
    for ($i = 0; $i -lt $runs; $i++) { $mine += Invoke-Method $ours @{ ModulePath = $ModulePath } $emulator }
    # The hand loops once each: they are the reference, and the sequential one takes minutes.
    $theirs += Invoke-Method $byHand @{} $emulator
    $parallel += Invoke-Method $byHandInParallel @{} $emulator
}
finally { $emulator | Stop-WorkOSEmulator }

$measurements = [ordered]@{
    "New-WorkOSOrganizationDomain, $count domains: time" = Get-Statistic $mine.seconds 's'
    "Invoke-RestMethod loop, $count domains: time" = Get-Statistic $theirs.seconds 's'
    'New-WorkOSOrganizationDomain: requests sent (retries included)' = Get-Statistic $mine.requests 'requests'
    'New-WorkOSOrganizationDomain: 429 errors reaching the user' = Get-Statistic $mine.rateLimited 'errors'
    'Invoke-RestMethod loop: 429 errors surfaced' = Get-Statistic $theirs.rateLimited 'errors'
    "Invoke-RestMethod in ForEach-Object -Parallel (16 at once), $count domains: time" = Get-Statistic $parallel.seconds 's'
    'Invoke-RestMethod in ForEach-Object -Parallel: 429 errors surfaced' = Get-Statistic $parallel.rateLimited 'errors'
}
$ratio = $measurements["New-WorkOSOrganizationDomain, $count domains: time"].median / $floor
$clean = -not ($mine | Where-Object { $_.errors -or $_.duplicates -or $_.stored -ne $count -or $_.created -ne $count })
$speed = $measurements["Invoke-RestMethod loop, $count domains: time"].median / $measurements["New-WorkOSOrganizationDomain, $count domains: time"].median
Save-BenchResult -Quick:$Quick -Name 'rate' -Title "Claiming $count domains at a limit of 100 requests a second, 50 ms away" `
    -Command "dotnet pwsh ./build.ps1 Bench$(if ($Quick) { ' -Quick' }) (bench/Measure-Rate.ps1)" -Measurements $measurements -Comparisons @(
        @{ What = "our time / the $floor s floor the limit allows"; Ratio = $ratio; Target = 'at most 1.05x'; Meets = $ratio -le 1.05 }
        @{ What = 'no 429 reaching the user, no duplicate, no lost domain (1 = all runs clean)'; Ratio = [int]$clean; Target = '1'; Meets = $clean }
        @{ What = 'hand loop time / ours'; Ratio = $speed; Target = 'for reference'; Meets = $true }
    ) -Notes @("Runs: ours $(($mine | ForEach-Object { "$($_.created) created, $($_.stored) stored, $($_.duplicates) duplicates, $($_.errors) errors" }) -join '; '). Hand loop: $(($theirs | ForEach-Object { "$($_.created) created, $($_.rateLimited) 429 errors" }) -join '; '). In parallel: $(($parallel | ForEach-Object { "$($_.created) created, $($_.rateLimited) 429 errors, each a domain the admin must claim again" }) -join '; ').",
        'The sequential loop never meets the limit: one request at a time, 50 ms away, is about 20 a second.')
