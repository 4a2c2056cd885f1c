<#
.SYNOPSIS
    Runs every Pester test against the built module; prints "PESTER <passed> <failed>" last.
    Called by build.ps1 Test in a process of its own.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $ConflictsPath,
    [Parameter(Mandatory)] [string] $ResultPath
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath

$data = @{ ModulePath = $ModulePath; EmulatorPath = $EmulatorPath; ConflictsPath = $ConflictsPath }
$config = New-PesterConfiguration
$config.Run.Container = New-PesterContainer -Path (Join-Path $PSScriptRoot '*.Tests.ps1') -Data $data
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = $ResultPath
$result = Invoke-Pester -Configuration $config

"PESTER $($result.PassedCount) $($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount)"
