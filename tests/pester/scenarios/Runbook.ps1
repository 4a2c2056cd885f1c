# Runs an Azure Automation runbook from samples/runbooks in this fresh pwsh, as a sandbox would:
# the module found by name, and stand-ins for the Automation and Az cmdlets the runbooks call.
# Writes {Output, Failed, Error} as JSON on its last line. The stand-ins keep their state in globals:
# a runbook is a script of its own, so $script: in them would mean the runbook's scope.
param(
    [Parameter(Mandatory)] [string] $Runbook,
    [Parameter(Mandatory)] [string] $ModuleFolder,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $Bootstrap,
    [Parameter(Mandatory)] [int] $Port,
    [string] $Variables = '{}',
    [string] $RunbookParameters = '{}'
)
$env:PSModulePath = $ModuleFolder + [IO.Path]::PathSeparator + $env:PSModulePath
$global:AutomationVariables = $Variables | ConvertFrom-Json
$global:AzConnected = $false

function Get-AutomationVariable([string] $Name) {
    if (-not $global:AutomationVariables.PSObject.Properties[$Name]) { throw "Variable '$Name' not found." }
    $global:AutomationVariables.$Name
}
function Connect-AzAccount([switch] $Identity) {
    if (-not $Identity) { throw 'The runbook must sign in with the managed identity (-Identity).' }
    $global:AzConnected = $true
}
function Get-AzKeyVaultSecret([string] $VaultName, [string] $Name, [switch] $AsPlainText) {
    if (-not $global:AzConnected) { throw 'Run Connect-AzAccount first.' }
    if (-not $AsPlainText) { throw 'Expected -AsPlainText.' }
    Get-AutomationVariable "$VaultName/$Name"
}

# Where the loopback world is: the emulator, and Knot standing in for the customers' DNS providers.
$PSDefaultParameterValues['Connect-WorkOS:BaseUri'] = $BaseUri
foreach ($cmdlet in 'Test-WorkOSDnsChallenge', 'Invoke-WorkOSDomainVerification') {
    $PSDefaultParameterValues["$($cmdlet):BootstrapServer"] = $Bootstrap
    $PSDefaultParameterValues["$($cmdlet):AuthoritativePort"] = $Port
}

$parameters = @{}
foreach ($p in ($RunbookParameters | ConvertFrom-Json).PSObject.Properties) { $parameters[$p.Name] = $p.Value }
$failed = $false
$errorText = $null
$output = try { & $Runbook @parameters *>&1 } catch { $failed = $true; $errorText = "$_" }
@{ Output = @($output | ForEach-Object { "$_" }); Failed = $failed; Error = $errorText } | ConvertTo-Json -Compress -Depth 3
