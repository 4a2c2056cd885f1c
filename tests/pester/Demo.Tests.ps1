# The README's first command runs samples/Invoke-Demo.ps1: it must keep working end to end.
param([string] $ModulePath, [string] $EmulatorPath, [string] $ConflictsPath)

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
}

Describe 'The demo' {
    It 'walks the whole programmatic flow' {
        $run = Invoke-FreshPwsh -Path (Join-Path $PSScriptRoot '../../samples/Invoke-Demo.ps1') -Parameters @{ ModulePath = $ModulePath; EmulatorPath = $EmulatorPath }
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'ZoneAppendedTwice'
        $run.Output | Should -Match 'verification was not started'
        $run.Output | Should -Match 'login\.northwind\.example\s+verified'
        $run.Output | Should -Match 'portal/launch'
        $run.Output | Should -Match 'organization_domain\.verified'
    }
}
