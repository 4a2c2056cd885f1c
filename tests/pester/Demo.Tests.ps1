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

    It 'without the DNS tools says what is missing and how to get it, and does not pretend a record was checked' {
        $path = $env:PATH
        try {
            $env:PATH = Split-Path (Get-PwshCommand)[0] # the dotnet folder only: no dig
            $run = Invoke-FreshPwsh -Path (Join-Path $PSScriptRoot '../../samples/Invoke-Demo.ps1') -Parameters @{ ModulePath = $ModulePath; EmulatorPath = $EmulatorPath }
        }
        finally { $env:PATH = $path }
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'dig not found, so this demo runs the API part only'
        $run.Output | Should -Match 'apt-get install knot dnsutils'
        $run.Output | Should -Match 'Invoke-WorkOSDomainVerification -SkipDnsCheck'
        $run.Output | Should -Match 'Against WorkOS, this step waits until WorkOS finds the TXT record'
        $run.Output | Should -Not -Match 'ZoneAppendedTwice'
    }
}
