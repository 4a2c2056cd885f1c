<#
.SYNOPSIS
    Mixed operations through the cmdlets while the emulator injects faults into a fifth of the
    requests; checks that the final state is exactly the expected one. Writes its counts as JSON.
.DESCRIPTION
    Claims 40% of the operations as domains across ten organizations, reads 20% back by id,
    verifies 20% and removes another 20%, each phase one pipeline at -ThrottleLimit 16. The faults
    (each with its own probability, about 20% of requests in all): 429 with Retry-After, 503,
    connection resets before and after the server committed the work, and stalls longer than the
    client's timeout. Run by tests/pester/FaultSoak.Tests.ps1 (500 operations) and
    bench/Measure-FaultSoak.ps1 (5,000).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [int] $Operations = 500,
    [switch] $IgnoreIdempotencyKey
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../pester/TestHelpers.psm1')
Import-Module $ModulePath
$key = 'sk_test_fake_soak'
$emulator = Start-WorkOSEmulator -Path $EmulatorPath -ArgumentList (@('--api-key', $key) + $(if ($IgnoreIdempotencyKey) { '--ignore-idempotency' }))
try {
    $orgs = 1..10 | ForEach-Object { New-WorkOSOrganization -Name "Soak $_" -ApiKey $key -BaseUri $emulator.BaseUri }
    $creates = [int]($Operations * 0.4); $reads = [int]($Operations * 0.2); $verifies = [int]($Operations * 0.2); $removes = $Operations - $creates - $reads - $verifies
    foreach ($fault in @(
            @{ kind = 'status'; status = 429; retry_after = '1'; probability = 0.01 }
            @{ kind = 'status'; status = 503; body = '{"message":"Service Unavailable"}'; probability = 0.06 }
            @{ kind = 'reset'; probability = 0.05 }
            @{ kind = 'reset_after_commit'; probability = 0.06 }
            @{ kind = 'stall'; stall_milliseconds = 2500; probability = 0.03 })) {
        Invoke-EmulatorControl $emulator POST faults ($fault + @{ count = -1 }) | Out-Null
    }
    Connect-WorkOS -ApiKey $key -BaseUri $emulator.BaseUri -MaxRetries 6 -TimeoutSec 1 -SkipValidation
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $failures = [Collections.Generic.List[object]]::new()
    $outputs = @{}
    function Invoke-Phase([string] $Name, [scriptblock] $Run) {
        $outputs[$Name] = @(& $Run -ErrorVariable +phaseErrors -ErrorAction SilentlyContinue)
        foreach ($e in $phaseErrors) { $failures.Add("$Name $($e.TargetObject): $($e.FullyQualifiedErrorId): $e") }
    }

    $wanted = 1..$creates | ForEach-Object { [pscustomobject]@{ OrganizationId = $orgs[$_ % 10].Id; Domain = "d$_.soak.example" } }
    Invoke-Phase 'create' { $wanted | New-WorkOSOrganizationDomain -ThrottleLimit 16 }
    $created = $outputs['create']
    Invoke-Phase 'read' { $created | Select-Object -First $reads | ForEach-Object { [pscustomobject]@{ Id = $_.Id } } | Get-WorkOSDomain -ThrottleLimit 16 }
    Invoke-Phase 'verify' { $created | Select-Object -First $verifies | Invoke-WorkOSDomainVerification -SkipDnsCheck -ThrottleLimit 16 -Confirm:$false }
    Invoke-Phase 'remove' { $created | Select-Object -Last $removes | Remove-WorkOSOrganizationDomain -ThrottleLimit 16 -Confirm:$false }
    $seconds = $clock.Elapsed.TotalSeconds

    # What must be there now: every claimed domain once, but the removed ones; the verified ones verified.
    $removed = @($created | Select-Object -Last $removes).Domain
    $verified = @($created | Select-Object -First $verifies).Domain
    $stored = @((Invoke-EmulatorControl $emulator GET state).organizations.domains)
    $requests = @(Get-EmulatorRequest $emulator)
    [ordered]@{
        operations = $Operations; honoured = -not $IgnoreIdempotencyKey; seconds = [math]::Round($seconds, 1)
        requests = $requests.Count
        created = $created.Count; read = $outputs['read'].Count; verified = @($outputs['verify'] | Where-Object State -eq 'verified').Count; removed = $removes
        errors = @($failures)
        duplicates = $stored.Count - @($stored.domain | Sort-Object -Unique).Count
        missing = @($wanted.Domain | Where-Object { $_ -notin $removed -and $_ -notin $stored.domain })
        notRemoved = @($removed | Where-Object { $_ -in $stored.domain })
        notVerified = @($stored | Where-Object { $_.domain -in $verified -and $_.domain -notin $removed -and $_.state -ne 'verified' } | ForEach-Object domain)
        unexpected = @($stored.domain | Where-Object { $_ -notin $wanted.Domain })
    } | ConvertTo-Json -Compress -Depth 3
}
finally {
    $emulator | Stop-WorkOSEmulator
}
