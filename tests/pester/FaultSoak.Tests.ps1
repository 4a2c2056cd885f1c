# 500 mixed operations with a fifth of the requests failing, with the Idempotency-Key honoured and
# ignored: every operation succeeds (or reports a clear error) and the server's final state is
# exactly the expected one. The 5,000-operation run is in bench/Measure-FaultSoak.ps1.
param([string] $ModulePath, [string] $EmulatorPath, [string] $ConflictsPath)

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
}

Describe 'The fault soak' {
    It 'leaves exactly the expected domains with the Idempotency-Key <Mode>' -ForEach @(
        @{ Mode = 'honoured'; Ignore = $false }
        @{ Mode = 'ignored'; Ignore = $true }
    ) {
        $run = Invoke-FreshPwsh -Path (Join-Path $PSScriptRoot '../soak/Invoke-FaultSoak.ps1') -Parameters @{ ModulePath = $ModulePath; EmulatorPath = $EmulatorPath; Operations = 500; IgnoreIdempotencyKey = $Ignore }
        $counts = $run.Result
        $counts | Should -Not -BeNullOrEmpty -Because $run.Output
        Write-Host "Fault soak, Idempotency-Key $($Mode): $($counts | ConvertTo-Json -Compress)"
        $counts.errors | Should -BeNullOrEmpty
        $counts.created | Should -Be 200
        $counts.read | Should -Be 100
        $counts.verified | Should -Be 100
        $counts.duplicates | Should -Be 0
        $counts.phantoms | Should -BeNullOrEmpty
        $counts.missing | Should -BeNullOrEmpty
        $counts.notRemoved | Should -BeNullOrEmpty
        $counts.notVerified | Should -BeNullOrEmpty
        $counts.unexpected | Should -BeNullOrEmpty
        $counts.requests | Should -BeGreaterThan 600 -Because 'faults force retries: the soak really was hostile'
    }
}
