# Helpers for the Pester tests.

Import-Module (Join-Path $PSScriptRoot '../tools/Emulator.psm1')

function Invoke-FreshPwsh {
    <#
    .SYNOPSIS
        Runs a script in a new pwsh process and returns what it wrote as JSON on its last line,
        so each scenario starts with nothing loaded.
    #>
    param(
        [Parameter(Mandatory)] [string] $Script,
        [hashtable] $Parameters = @{}
    )
    $file = Join-Path ([IO.Path]::GetTempPath()) "workos-scenario-$([guid]::NewGuid().ToString('N')).ps1"
    Set-Content -Path $file -Value $Script
    try {
        $arguments = foreach ($name in $Parameters.Keys) {
            $value = $Parameters[$name]
            if ($value -is [bool]) { if ($value) { "-$name" } } # a switch
            else { "-$name"; [string]$value }
        }
        $pwsh = Get-PwshCommand
        $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $file @arguments 2>&1
        [pscustomobject]@{
            ExitCode = $LASTEXITCODE
            Output   = ($output | Out-String)
            Result   = $(try { ($output | Select-Object -Last 1 | Out-String) | ConvertFrom-Json } catch { $null })
        }
    }
    finally {
        Remove-Item $file -ErrorAction Ignore
    }
}

Export-ModuleMember -Function Invoke-FreshPwsh, Start-WorkOSEmulator, Stop-WorkOSEmulator, Get-PwshCommand
