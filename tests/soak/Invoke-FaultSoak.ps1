<#
.SYNOPSIS
    Mixed operations through the cmdlets while the emulator injects faults into a fifth of the
    requests; checks that the final state is exactly the expected one. Writes its counts as JSON.
.DESCRIPTION
    Claims 40% of the operations as domains across ten organizations, reads 20% back by id,
    verifies 20% and removes another 20%, each phase one pipeline at -ThrottleLimit 16. The faults
    (each with its own probability, about 20% of requests in all): 429 with Retry-After, 503,
    connection resets before and after the server committed the work, and stalls longer than the
    client's timeout, before and after the server committed the work. With that many faults a few
    operations can run out of retries: each such error must say what happened and that running
    the command again is safe, and each is run again, as its error advises, before the final state
    is compared. The emulator's random seed is new each run and reported, so a run can be replayed.
    Run by tests/pester/FaultSoak.Tests.ps1 (500 operations) and bench/Measure-FaultSoak.ps1 (5,000).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [int] $Operations = 500,
    [switch] $IgnoreIdempotencyKey,
    [int] $RandomSeed = (Get-Random -Maximum 1000000)
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../pester/TestHelpers.psm1')
Import-Module $ModulePath
$key = 'sk_test_fake_soak'
$emulator = Start-WorkOSEmulator -Path $EmulatorPath -ArgumentList (@('--api-key', $key, '--random-seed', $RandomSeed) + $(if ($IgnoreIdempotencyKey) { '--ignore-idempotency' }))
try {
    $orgs = 1..10 | ForEach-Object { New-WorkOSOrganization -Name "Soak $_" -ApiKey $key -BaseUri $emulator.BaseUri }
    $creates = [int]($Operations * 0.4); $reads = [int]($Operations * 0.2); $verifies = [int]($Operations * 0.2); $removes = $Operations - $creates - $reads - $verifies
    foreach ($fault in @(
            @{ kind = 'status'; status = 429; retry_after = '1'; probability = 0.01 }
            @{ kind = 'status'; status = 503; body = '{"message":"Service Unavailable"}'; probability = 0.06 }
            @{ kind = 'reset'; probability = 0.05 }
            @{ kind = 'reset_after_commit'; probability = 0.06 }
            @{ kind = 'stall'; stall_milliseconds = 2500; probability = 0.02 }
            @{ kind = 'stall_after_commit'; stall_milliseconds = 2500; probability = 0.01 })) {
        Invoke-EmulatorControl $emulator POST faults ($fault + @{ count = -1 }) | Out-Null
    }
    Connect-WorkOS -ApiKey $key -BaseUri $emulator.BaseUri -MaxRetries 6 -TimeoutSec 1 -SkipValidation
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $gaveUp = [Collections.Generic.List[object]]::new()   # errors after every retry, repeated as advised
    $failures = [Collections.Generic.List[object]]::new() # what was still wrong after the repeat, or unclear
    function Invoke-Phase([string] $Name, [object[]] $Items, [scriptblock] $Run, [scriptblock] $ItemOf = { param($target) $target }, [scriptblock] $Repeat = $Run) {
        # Runs one pipeline over the items. An item whose error says repeating is safe is found
        # from the error's target (ItemOf) and done again (Repeat), once, as its error advises.
        # Writes every object the pipelines wrote.
        $ErrorActionPreference = 'Continue' # errors are this phase's items, not the end of the soak
        $written = @($Items | & $Run 2>&1)
        $again = @()
        foreach ($e in $written | Where-Object { $_ -is [Management.Automation.ErrorRecord] }) {
            if ("$($e.ErrorDetails.RecommendedAction)" -match 'again is safe|never claims it twice|removes nothing else') { $gaveUp.Add("$Name $($e.FullyQualifiedErrorId): $e"); $again += & $ItemOf $e.TargetObject }
            else { $failures.Add("$Name $($e.TargetObject): unclear or unsafe to repeat: $($e.FullyQualifiedErrorId): $e") }
        }
        $written | Where-Object { $_ -isnot [Management.Automation.ErrorRecord] }
        if ($again) {
            foreach ($e in @($again | & $Repeat 2>&1)) {
                if ($e -is [Management.Automation.ErrorRecord]) { $failures.Add("$Name (repeated) $($e.TargetObject): $($e.FullyQualifiedErrorId): $e") } else { $e }
            }
        }
    }

    $wanted = 1..$creates | ForEach-Object { [pscustomobject]@{ OrganizationId = $orgs[$_ % 10].Id; Domain = "d$_.soak.example" } }
    # A claim that gave up may have been made: look for it first, as its error says, then claim again.
    $findOrClaim = { $input | ForEach-Object { (Get-WorkOSDomain -Domain $_.Domain -ErrorAction SilentlyContinue | Where-Object OrganizationId -eq $_.OrganizationId) ?? ($_ | New-WorkOSOrganizationDomain) } }
    $created = @(Invoke-Phase 'create' $wanted { $input | New-WorkOSOrganizationDomain -ThrottleLimit 16 } { param($target) $wanted | Where-Object Domain -eq $target } $findOrClaim)
    $read = @(Invoke-Phase 'read' @($created | Select-Object -First $reads | ForEach-Object Id) { $input | Get-WorkOSDomain -ThrottleLimit 16 })
    $verifiedNow = @(Invoke-Phase 'verify' @($created | Select-Object -First $verifies) { $input | Invoke-WorkOSDomainVerification -SkipDnsCheck -ThrottleLimit 16 -Confirm:$false })
    # A removal that gave up may have happened: look first, as its error says, then remove what is left.
    $removeIfThere = { $input | ForEach-Object { if (Get-WorkOSDomain -Id $_ -ErrorAction SilentlyContinue) { $_ | Remove-WorkOSOrganizationDomain -Confirm:$false } } }
    $null = Invoke-Phase 'remove' @($created | Select-Object -Last $removes) { $input | Remove-WorkOSOrganizationDomain -ThrottleLimit 16 -Confirm:$false } -Repeat $removeIfThere
    $seconds = $clock.Elapsed.TotalSeconds

    # What must be there now: every claimed domain once, but the removed ones; the verified ones verified.
    $removed = @($created | Select-Object -Last $removes).Domain
    $verified = @($created | Select-Object -First $verifies).Domain
    # Each stored domain as "organization/domain", so a domain claimed under the wrong organization counts as wrong.
    $stored = @(foreach ($org in (Invoke-EmulatorControl $emulator GET state).organizations) {
            foreach ($domain in @($org.domains)) { [pscustomobject]@{ key = "$($org.id)/$($domain.domain)"; id = $domain.id; domain = $domain.domain; state = $domain.state } }
        })
    $wantedKeys = @($wanted | ForEach-Object { "$($_.OrganizationId)/$($_.Domain)" })
    $requests = @(Get-EmulatorRequest $emulator)
    [ordered]@{
        operations = $Operations; honoured = -not $IgnoreIdempotencyKey; randomSeed = $RandomSeed; seconds = [math]::Round($seconds, 1)
        requests = $requests.Count
        created = $created.Count; read = $read.Count; verified = @($verifiedNow | Where-Object State -eq 'verified').Count; removed = $removes
        repeatedAsAdvised = @($gaveUp)
        errors = @($failures)
        # Claimed twice on the server, or reported twice to the user.
        duplicates = ($stored.Count - @($stored.domain | Sort-Object -Unique).Count) + ($created.Count - @($created.Domain | Sort-Object -Unique).Count)
        # A claim reported with an id the server does not hold: the user was handed a phantom.
        phantoms = @($created | Where-Object { $_.Domain -notin $removed -and $_.Id -notin $stored.id } | ForEach-Object Domain)
        missing = @($wantedKeys | Where-Object { ($_ -split '/', 2)[1] -notin $removed -and $_ -notin $stored.key })
        notRemoved = @($removed | Where-Object { $_ -in $stored.domain })
        notVerified = @($stored | Where-Object { $_.domain -in $verified -and $_.domain -notin $removed -and $_.state -ne 'verified' } | ForEach-Object domain)
        unexpected = @($stored.key | Where-Object { $_ -notin $wantedKeys })
    } | ConvertTo-Json -Compress -Depth 3
}
finally {
    $emulator | Stop-WorkOSEmulator
}
