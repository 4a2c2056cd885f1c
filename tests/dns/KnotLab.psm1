# Runs Knot DNS servers on loopback for the Pester tests, the demo and the DNS benchmark.
# Several servers can share a port on different 127.0.0.x addresses, as the name servers of one
# zone would; the cmdlets reach them with -BootstrapServer and the -AuthoritativePort test hook.

function Start-KnotServer {
    [CmdletBinding()]
    param(
        # Zone origin -> records (zone-file lines, relative names allowed). An SOA is added, and
        # "@ IN NS ns1" with "ns1 IN A 127.0.0.1" unless the records have an "@ IN NS" line.
        [Parameter(Mandatory)] [hashtable] $Zone,
        [string] $Address = '127.0.0.1',
        [int] $Port = 0,
        # Count the queries it answers (Knot's mod-stats), for Get-KnotQueryCount.
        [switch] $Stats
    )
    if ($missing = Get-KnotLabMissing) { throw "$($missing -join ', ') not found. Install them: $(Get-KnotLabInstallHint); .ci/run does this." }
    if ($Port -eq 0) { $Port = Get-FreePort $Address }
    $folder = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "workos-knot-$([guid]::NewGuid().ToString('N'))")
    $config = @(
        'server:', "    rundir: `"$folder`"", "    listen: $Address@$Port",
        'database:', "    storage: `"$folder`"")
    if ($Stats) {
        $config += 'mod-stats:', '  - id: default', '    request-protocol: on', 'template:', '  - id: default', '    global-module: mod-stats/default'
    }
    $config += 'zone:'
    foreach ($origin in $Zone.Keys) {
        Set-Content -Path (Join-Path $folder "$origin.zone") -Value (New-ZoneText $origin $Zone[$origin] 1)
        $config += "  - domain: $origin", "    file: `"$folder/$origin.zone`"", '    zonefile-sync: -1', '    zonefile-load: whole', '    journal-content: none'
    }
    Set-Content -Path (Join-Path $folder 'knot.conf') -Value $config
    $process = Start-Process (Find-KnotTool knotd) -ArgumentList '-c', (Join-Path $folder 'knot.conf') -PassThru -RedirectStandardError (Join-Path $folder 'knot.err') -RedirectStandardOutput (Join-Path $folder 'knot.log')
    $server = [pscustomobject]@{ Address = $Address; Port = $Port; Folder = $folder.FullName; Process = $process; EndPoint = "$($Address):$Port" }
    $first = @($Zone.Keys)[0]
    try {
        for ($i = 0; $i -lt 100; $i++) {
            if ($process.HasExited) { throw "knotd exited: $(Get-Content (Join-Path $folder 'knot.err') -Raw)" }
            $answer = & dig +short +norec +time=1 +tries=1 -p $Port "@$Address" $first SOA 2>$null
            if ($answer) { return $server }
            Start-Sleep -Milliseconds 50
        }
        throw "Knot on $Address@$Port did not start serving $first."
    }
    catch {
        $server | Stop-KnotServer # leave no knotd and no folder behind
        throw
    }
}

function Update-KnotZone {
    # Replaces a zone's records and reloads it; returns when the new serial is served.
    param([Parameter(Mandatory)] $Server, [Parameter(Mandatory)] [string] $Origin, [string] $Records = '', [Parameter(Mandatory)] [int] $Serial)
    Set-Content -Path (Join-Path $Server.Folder "$Origin.zone") -Value (New-ZoneText $Origin $Records $Serial)
    & (Find-KnotTool knotc) -s (Join-Path $Server.Folder 'knot.sock') zone-reload $Origin | Out-Null
    for ($i = 0; $i -lt 100; $i++) {
        $soa = & dig +short +norec -p $Server.Port "@$($Server.Address)" $Origin SOA 2>$null
        if ($soa -and ($soa -split ' ')[2] -eq "$Serial") { return }
        Start-Sleep -Milliseconds 50
    }
    throw "Knot did not serve $Origin serial $Serial."
}

function Get-KnotQueryCount {
    # How many queries a server started with -Stats has received, over UDP and TCP.
    param([Parameter(Mandatory)] $Server)
    $total = 0
    foreach ($line in & (Find-KnotTool knotc) -s (Join-Path $Server.Folder 'knot.sock') stats mod-stats.request-protocol) {
        if ($line -match '= (\d+)$') { $total += [int]$Matches[1] }
    }
    $total
}

function Stop-KnotServer {
    param([Parameter(Mandatory, ValueFromPipeline)] $Server)
    process {
        if (-not $Server.Process.HasExited) { $Server.Process.Kill(); $Server.Process.WaitForExit() }
        Remove-Item $Server.Folder -Recurse -Force -ErrorAction Ignore
    }
}

function Find-KnotTool([string] $name) {
    # knotd and knotc live in /usr/sbin, which is not on an ordinary user's PATH.
    $found = Get-Command $name -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if ($found) { return $found.Source }
    foreach ($folder in '/usr/sbin', '/usr/local/sbin', '/opt/homebrew/sbin') {
        if (Test-Path (Join-Path $folder $name)) { return (Join-Path $folder $name) }
    }
    $null
}

function Get-KnotLabMissing {
    # The programs a Knot lab needs that this machine lacks: knotd and knotc serve, dig checks.
    @('knotd', 'knotc', 'dig') | Where-Object { -not (Find-KnotTool $_) }
}

function Get-KnotLabInstallHint { 'apt-get install knot dnsutils (Debian, Ubuntu) or brew install knot bind (macOS)' }

function New-ZoneText([string] $origin, [string] $records, [int] $serial) {
    $lines = @("`$ORIGIN $origin.", '$TTL 300')
    if ($records -notmatch ' SOA ') { $lines += "@ IN SOA ns1 hostmaster $serial 3600 600 86400 300" }
    if ($records -notmatch '@ IN NS ') { $lines += '@ IN NS ns1', 'ns1 IN A 127.0.0.1' }
    ($lines + $records) -join "`n"
}

function Get-FreePort([string] $address) {
    $udp = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Parse($address), 0))
    try { $udp.Client.LocalEndPoint.Port } finally { $udp.Dispose() }
}

Export-ModuleMember -Function Start-KnotServer, Update-KnotZone, Get-KnotQueryCount, Stop-KnotServer, Get-KnotLabMissing, Get-KnotLabInstallHint
