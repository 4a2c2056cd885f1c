# Starts and stops WorkOS API emulators as child processes on a free loopback port: the project's
# own (tests/WorkOSDomains.Emulator) and the official one from the npm package `workos` 0.14.0.
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
    $emulator = Start-EmulatorProcess (Get-DotnetPath) (@($Path) + $ArgumentList) $TimeoutSec
    $health = Invoke-RestMethod -Uri ([uri]::new($emulator.BaseUri, '_emulator/health')) -TimeoutSec 5
    if ($health.status -ne 'ready') { throw "The WorkOS emulator at $($emulator.BaseUri) answered its health check with '$health'." }
    $emulator
}

function Install-OfficialEmulator {
    <#
    .SYNOPSIS
        Makes the official WorkOS emulator ready in tests/official-emulator: its two dependencies
        (hono, @hono/node-server) from the lock file, and dist/emulate of the npm package workos
        0.14.0 unpacked beside them (the package's other dependencies are not needed). Needs node and npm.
    #>
    [CmdletBinding()]
    param([string] $Folder = (Join-Path $PSScriptRoot '../official-emulator'))
    if ((Test-Path (Join-Path $Folder 'workos/dist/emulate/index.js')) -and (Test-Path (Join-Path $Folder 'node_modules/hono'))) { return }
    if (-not (Get-Command npm -ErrorAction Ignore)) { throw 'The official WorkOS emulator needs Node.js 20 or later with npm on PATH.' }
    Push-Location $Folder
    try {
        & npm ci --no-audit --no-fund --loglevel=error | Write-Verbose
        if ($LASTEXITCODE -ne 0) { throw "npm ci failed in $Folder." }
        $tarball = & npm pack workos@0.14.0 --silent
        if ($LASTEXITCODE -ne 0) { throw 'npm pack workos@0.14.0 failed.' }
        Remove-Item workos -Recurse -Force -ErrorAction Ignore
        New-Item -ItemType Directory workos | Out-Null
        & tar -xzf $tarball -C workos --strip-components=1 package/dist/emulate package/package.json
        if ($LASTEXITCODE -ne 0) { throw "Unpacking $tarball failed." }
        Remove-Item $tarball
    }
    finally { Pop-Location }
}

function Start-OfficialEmulator {
    <# .SYNOPSIS Starts the official WorkOS emulator (see Install-OfficialEmulator) accepting one API key. #>
    [CmdletBinding()]
    param(
        [string] $ApiKey = 'sk_test_default',
        [string] $Folder = (Join-Path $PSScriptRoot '../official-emulator'),
        [int] $TimeoutSec = 30
    )
    Install-OfficialEmulator -Folder $Folder
    $node = (Get-Command node -CommandType Application | Select-Object -First 1).Source
    Start-EmulatorProcess $node @((Join-Path $Folder 'start.mjs'), $ApiKey) $TimeoutSec
}

function Stop-WorkOSEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Emulator)
    process {
        $Emulator.Process.StandardInput.Close()
        if (-not $Emulator.Process.WaitForExit(5000)) { $Emulator.Process.Kill() }
    }
}

function Start-EmulatorProcess([string] $fileName, [string[]] $arguments, [int] $timeoutSec) {
    # Both emulators print "Listening on <url>" once ready and exit when their stdin closes.
    $info = [System.Diagnostics.ProcessStartInfo]::new($fileName)
    foreach ($a in $arguments) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardInput = $true
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([timespan]::FromSeconds($timeoutSec)) -or $line.Result -notmatch '^Listening on (?<uri>\S+)') {
        if (-not $process.HasExited) { $process.Kill() }
        throw "The emulator ($fileName $arguments) did not report ready within $timeoutSec s (it printed: '$($line.Result)')."
    }
    [pscustomobject]@{ BaseUri = [uri]$Matches.uri; Process = $process }
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

Export-ModuleMember -Function Start-WorkOSEmulator, Install-OfficialEmulator, Start-OfficialEmulator, Stop-WorkOSEmulator, Get-DotnetPath, Get-PwshCommand
