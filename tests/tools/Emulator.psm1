# Starts and stops the WorkOS emulator as a child process on a free loopback port.
# Used by build.ps1 (Demo), the Pester tests and the benchmarks.

function Start-WorkOSEmulator {
    [CmdletBinding()]
    param(
        # The built emulator (tests/WorkOSDomains.Emulator/bin/<config>/net10.0/WorkOSDomains.Emulator.dll).
        [Parameter(Mandatory)] [string] $Path,
        # Extra switches for the emulator, e.g. '--seed', 'file.json', '--dns-server', '127.0.0.1:15353'.
        [string[]] $ArgumentList = @(),
        [int] $TimeoutSec = 30
    )
    $info = [System.Diagnostics.ProcessStartInfo]::new((Get-DotnetPath))
    $info.ArgumentList.Add($Path)
    foreach ($a in $ArgumentList) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardInput = $true   # the emulator exits when its stdin closes
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)

    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([timespan]::FromSeconds($TimeoutSec)) -or $line.Result -notmatch '^Listening on (?<uri>\S+)') {
        if (-not $process.HasExited) { $process.Kill() }
        throw "The WorkOS emulator at '$Path' did not report ready within $TimeoutSec s (it printed: '$($line.Result)')."
    }
    $baseUri = [uri]$Matches.uri
    $health = Invoke-RestMethod -Uri ([uri]::new($baseUri, '_emulator/health')) -TimeoutSec 5
    if ($health.status -ne 'ready') { throw "The WorkOS emulator at $baseUri answered its health check with '$health'." }
    [pscustomobject]@{ BaseUri = $baseUri; Process = $process }
}

function Stop-WorkOSEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Emulator)
    process {
        $Emulator.Process.StandardInput.Close()
        if (-not $Emulator.Process.WaitForExit(5000)) { $Emulator.Process.Kill() }
    }
}

function Get-DotnetPath {
    # The dotnet host running this PowerShell (a .NET tool) or, for a native pwsh, the one on PATH.
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { return $process }
    (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source
}

function Get-PwshCommand {
    # How to start a child pwsh like this one: dotnet + pwsh.dll for the .NET tool, else the pwsh binary.
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { return @($process, (Join-Path $PSHOME 'pwsh.dll')) }
    , @($process)
}

Export-ModuleMember -Function Start-WorkOSEmulator, Stop-WorkOSEmulator, Get-DotnetPath, Get-PwshCommand
