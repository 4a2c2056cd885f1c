# Dependency isolation: our engine and its dependencies never meet other versions loaded in the
# same PowerShell process (Az.Accounts ships its own Microsoft.Extensions.*). Each scenario runs
# in a fresh pwsh process; see scenarios/Isolation.ps1.
param([string] $ModulePath, [string] $EmulatorPath, [string] $ConflictsPath)

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $seed = Join-Path $PSScriptRoot '../../samples/emulator-seed.json'
    $emulator = Start-WorkOSEmulator -Path $EmulatorPath -ArgumentList '--seed', $seed
    $scenario = Get-Content (Join-Path $PSScriptRoot 'scenarios/Isolation.ps1') -Raw

    function Invoke-Scenario([string] $Set, [string] $Order, [switch] $Reimport) {
        # Microsoft.Extensions.Http 11 needs DiagnosticSource 11, which .NET 10's default context
        # cannot load for *them*; so only the older set runs its own HTTP stack.
        $parameters = @{ ModulePath = $ModulePath; TheirsPath = (Join-Path $ConflictsPath $Set); Order = $Order; BaseUri = $emulator.BaseUri
            Reimport = [bool]$Reimport; TheirHttp = ($Set -eq 'older') }
        $run = Invoke-FreshPwsh -Script $scenario -Parameters $parameters
        if (-not $run.Result) { throw "The scenario failed:`n$($run.Output)" }
        $run.Result
    }

    function Assert-TheirsIntact($theirs, [int] $major) {
        foreach ($part in 'Options', 'Http', 'Logging', 'Provider') { $theirs.$part | Should -Be $major -Because "their $part stays at $major" }
    }

    function Assert-OursIsolated($ours) {
        $ours.Organizations | Should -Be 2
        $ours.EngineContext | Should -Be 'WorkOSDomains.Loading.EngineLoadContext'
        $ours.EngineCount | Should -Be 1
        $ours.Versions.'Microsoft.Extensions.Http' | Should -BeLike '10.*'
        $ours.Versions.'Microsoft.Extensions.Options' | Should -BeLike '10.*'
        $ours.Versions.'Microsoft.Extensions.DependencyInjection.Abstractions' | Should -BeLike '10.*'
        $ours.Versions.'Microsoft.Extensions.Logging.Abstractions' | Should -BeLike '10.*'
        $ours.Versions.DnsClient | Should -BeLike '1.8.*'
        @($ours.Loaded -like 'Microsoft.Extensions.Http 10.*').Count | Should -Be 1 -Because 'our HTTP stack ran in our context'
    }
}

AfterAll {
    if ($emulator) { $emulator | Stop-WorkOSEmulator }
}

Describe 'Another version loaded first' {
    It 'older (Microsoft.Extensions 8, DnsClient 1.6): both work, each with its own versions' {
        $r = Invoke-Scenario older TheirsFirst
        $r.TheirsBefore.Health | Should -Be 'ready'
        Assert-OursIsolated $r.Ours
        $r.TheirsAfter.Health | Should -Be 'ready'
        Assert-TheirsIntact $r.TheirsAfter 8
        $r.TheirsAfter.DnsClient | Should -Be '1.6.1.0'
    }

    It 'newer (Microsoft.Extensions 11): both work, each with its own versions' {
        $r = Invoke-Scenario newer TheirsFirst
        Assert-TheirsIntact $r.TheirsBefore 11
        Assert-OursIsolated $r.Ours
        Assert-TheirsIntact $r.TheirsAfter 11
    }
}

Describe 'Our module loaded first' {
    It 'older versions loaded later still work, and so do we' {
        $r = Invoke-Scenario older OursFirst
        Assert-OursIsolated $r.Ours
        $r.TheirsAfter.Health | Should -Be 'ready'
        Assert-TheirsIntact $r.TheirsAfter 8
        Assert-OursIsolated $r.OursAgain
    }

    It 'newer versions loaded later still work, and so do we' {
        $r = Invoke-Scenario newer OursFirst
        Assert-OursIsolated $r.Ours
        Assert-TheirsIntact $r.TheirsAfter 11
        Assert-OursIsolated $r.OursAgain
    }
}

Describe 'Remove-Module and Import-Module again' {
    It 'works in the same process, with the same single engine' {
        $r = Invoke-Scenario older TheirsFirst -Reimport
        Assert-OursIsolated $r.Reimported
    }
}
