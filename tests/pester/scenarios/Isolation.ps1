<#
    One dependency-conflict scenario, run in a fresh process by Isolation.Tests.ps1.
    Loads another version of our dependencies ("theirs") before or after our module, uses both
    for real HTTP calls against the emulator, and reports what it saw as JSON on the last line.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $TheirsPath,
    [Parameter(Mandatory)] [ValidateSet('TheirsFirst', 'OursFirst')] [string] $Order,
    [Parameter(Mandatory)] [string] $BaseUri,
    [switch] $Reimport,
    # Their full HTTP stack needs DiagnosticSource of its own major, which the default load
    # context of this runtime may not have (Microsoft.Extensions 11 on .NET 10); without it,
    # their options, DI and logging are used instead.
    [switch] $TheirHttp
)
$ErrorActionPreference = 'Stop'
$names = 'Microsoft.Extensions.Options', 'Microsoft.Extensions.DependencyInjection.Abstractions',
    'Microsoft.Extensions.Logging.Abstractions', 'Microsoft.Extensions.Http', 'DnsClient'
$report = [ordered]@{}

function Import-Theirs {
    $script:theirs = @{}
    foreach ($file in Get-ChildItem $TheirsPath -Filter 'Microsoft.Extensions.*.dll') { $script:theirs[$file.BaseName] = [Reflection.Assembly]::LoadFrom($file.FullName) }
    $dns = Join-Path $TheirsPath 'DnsClient.dll'
    if (Test-Path $dns) { $script:theirs['DnsClient'] = [Reflection.Assembly]::LoadFrom($dns) }
}

function Use-Theirs([string] $label) {
    # Their own container, options, logging and (where it can run) HTTP stack, as Az.Accounts would use them.
    $services = $theirs['Microsoft.Extensions.DependencyInjection.Abstractions'].GetType('Microsoft.Extensions.DependencyInjection.ServiceCollection')
    if (-not $services) { $services = $theirs['Microsoft.Extensions.DependencyInjection'].GetType('Microsoft.Extensions.DependencyInjection.ServiceCollection') }
    $collection = [Activator]::CreateInstance($services)
    $null = $theirs['Microsoft.Extensions.Options'].GetType('Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions')::AddOptions($collection)
    $httpOptions = [Activator]::CreateInstance($theirs['Microsoft.Extensions.Http'].GetType('Microsoft.Extensions.Http.HttpClientFactoryOptions'))
    $options = $theirs['Microsoft.Extensions.Options'].GetType('Microsoft.Extensions.Options.Options')::Create($httpOptions)
    $logger = $theirs['Microsoft.Extensions.Logging.Abstractions'].GetType('Microsoft.Extensions.Logging.Abstractions.NullLogger')::Instance
    $health = 'not tried'
    if ($TheirHttp) {
        $null = $theirs['Microsoft.Extensions.Http'].GetType('Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions')::AddHttpClient($collection)
    }
    $provider = $theirs['Microsoft.Extensions.DependencyInjection'].GetType('Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions')::BuildServiceProvider($collection)
    if ($TheirHttp) {
        $factory = $provider.GetService([System.Net.Http.IHttpClientFactory])
        $health = ($factory.CreateClient('theirs').GetStringAsync("$($BaseUri)_emulator/health").GetAwaiter().GetResult() | ConvertFrom-Json).status
    }
    if ($theirs['DnsClient']) { $null = [Activator]::CreateInstance($theirs['DnsClient'].GetType('DnsClient.LookupClient'), [object[]]@(, [System.Net.IPAddress[]]@([System.Net.IPAddress]::Loopback))) }
    $report[$label] = [ordered]@{
        Health   = $health
        Options  = $options.Value.GetType().Assembly.GetName().Version.Major
        Http     = $httpOptions.GetType().Assembly.GetName().Version.Major
        Logging  = $logger.GetType().Assembly.GetName().Version.Major
        Provider = $provider.GetType().Assembly.GetName().Version.Major
        DnsClient = $(if ($theirs['DnsClient']) { $theirs['DnsClient'].GetName().Version.ToString() })
    }
}

function Use-Ours([string] $label) {
    Import-Module $ModulePath
    $organizations = @(Get-WorkOSOrganization -ApiKey 'sk_test_fake_emulator' -BaseUri $BaseUri)
    $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'WorkOSDomains.Engine' }
    $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine)
    $versions = [ordered]@{}
    foreach ($name in $names) { $versions[$name] = $context.LoadFromAssemblyName([Reflection.AssemblyName]::new($name)).GetName().Version.ToString() }
    $report[$label] = [ordered]@{
        Organizations = $organizations.Count
        EngineContext = $context.GetType().FullName
        EngineCount   = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'WorkOSDomains.Engine' }).Count
        Versions      = $versions
        Loaded        = @($context.Assemblies | ForEach-Object { "$($_.GetName().Name) $($_.GetName().Version)" })
    }
}

if ($Order -eq 'TheirsFirst') {
    Import-Theirs
    Use-Theirs 'TheirsBefore'
    Use-Ours 'Ours'
    Use-Theirs 'TheirsAfter'
}
else {
    Use-Ours 'Ours'
    Import-Theirs
    Use-Theirs 'TheirsAfter'
    Use-Ours 'OursAgain'
}
if ($Reimport) {
    Remove-Module WorkOSDomains
    Use-Ours 'Reimported'
}
$report | ConvertTo-Json -Depth 5 -Compress
