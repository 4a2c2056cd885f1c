# Helpers for the Pester tests.

Import-Module (Join-Path $PSScriptRoot '../tools/Emulator.psm1')

function Invoke-FreshPwsh {
    <#
    .SYNOPSIS
        Runs a script (its text, or with -Path a script file where it is) in a new pwsh process and
        returns what it wrote as JSON on its last line, so each scenario starts with nothing loaded.
    #>
    [CmdletBinding(DefaultParameterSetName = 'Text')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'Text')] [string] $Script,
        [Parameter(Mandatory, ParameterSetName = 'Path')] [string] $Path,
        [hashtable] $Parameters = @{},
        # A scenario that hangs is killed (with its children) and fails the test, never the whole run.
        [int] $TimeoutSec = 300
    )
    $file = $Path
    if (-not $Path) {
        $file = Join-Path ([IO.Path]::GetTempPath()) "workos-scenario-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content -Path $file -Value $Script
    }
    try {
        $arguments = foreach ($name in $Parameters.Keys) {
            $value = $Parameters[$name]
            if ($value -is [bool]) { if ($value) { "-$name" } } # a switch
            else { "-$name"; [string]$value }
        }
        $pwsh = Get-PwshCommand
        $start = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
        foreach ($argument in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $file) + @($arguments)) { $start.ArgumentList.Add($argument) }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $process = [Diagnostics.Process]::Start($start)
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSec * 1000)) {
            $process.Kill($true)
            throw "The scenario $file did not end within $TimeoutSec s and was stopped. It wrote:`n$($stdout.Result)$($stderr.Result)"
        }
        $process.WaitForExit() # the output streams are read to their end
        $lines = $stdout.Result -split '\r?\n' | Where-Object { $_ -ne '' }
        [pscustomobject]@{
            ExitCode = $process.ExitCode
            Output   = $stdout.Result + $stderr.Result
            Result   = $(try { ($lines | Select-Object -Last 1) | ConvertFrom-Json } catch { $null })
        }
    }
    finally {
        if (-not $Path) { Remove-Item $file -ErrorAction Ignore }
    }
}

function Invoke-EmulatorControl {
    <#
    .SYNOPSIS
        Calls one of the emulator's /_emulator controls: faults, settings, reset, seed, requests, state.
    .EXAMPLE
        Invoke-EmulatorControl $emulator POST faults @{ kind = 'reset_after_commit'; path = '/organization_domains' }
    #>
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [ValidateSet('GET', 'POST', 'DELETE')] [string] $Method,
        [Parameter(Mandatory)] [string] $Control,
        [hashtable] $Body
    )
    $uri = [uri]::new($Emulator.BaseUri, "_emulator/$Control")
    if ($Body) { Invoke-RestMethod -Method $Method -Uri $uri -ContentType 'application/json' -Body ($Body | ConvertTo-Json -Depth 5) }
    else { Invoke-RestMethod -Method $Method -Uri $uri }
}

function Get-EmulatorRequest {
    # The API requests the emulator received since its last reset: Method, Path, IdempotencyKey.
    param([Parameter(Mandatory)] $Emulator)
    @(Invoke-EmulatorControl $Emulator GET requests | ForEach-Object { $_ } | ForEach-Object { [pscustomobject]@{ Method = $_.method; Path = $_.path; IdempotencyKey = $_.idempotency_key } })
}

Export-ModuleMember -Function Invoke-FreshPwsh, Start-WorkOSEmulator, Start-OfficialEmulator, Stop-WorkOSEmulator, Get-PwshCommand, Invoke-EmulatorControl, Get-EmulatorRequest
