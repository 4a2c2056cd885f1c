<#
.SYNOPSIS
    Compiles docs/help/<Cmdlet>.md into MAML help (en-US/WorkOSDomains.dll-Help.xml).
.DESCRIPTION
    Syntax, parameter types, positions and pipeline input come from the built cmdlets themselves;
    the prose (synopsis, description, parameter text, examples, notes) from the markdown. Fails
    when an exported cmdlet has no help file, a parameter has no description, or a cmdlet has no
    example, so help cannot fall behind the code.

    Markdown shape:
        # Verb-Noun
        ## SYNOPSIS / ## DESCRIPTION / ## NOTES   free text
        ## PARAMETERS   then  ### -Name  and its text
        ## EXAMPLES     then  ### Example title, a ```powershell block, then remarks
        ## OUTPUTS      then  ### TypeName  and its text
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleFolder,
    [Parameter(Mandatory)] [string] $HelpSource
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

function Test-Documented($parameter) {
    # Common parameters have PowerShell's own help; DontShow ones (test hooks) stay out of help.
    $parameter.Name -notin $common -and -not ($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow })
}

function Read-HelpMarkdown([string] $path) {
    $doc = @{ Sections = @{}; Parameters = @{}; Examples = [System.Collections.Generic.List[object]]::new(); Outputs = [ordered]@{} }
    $section = $null; $sub = $null; $buffer = [System.Collections.Generic.List[string]]::new()
    $flush = {
        $text = ($buffer -join "`n").Trim()
        switch ($section) {
            'PARAMETERS' { if ($sub) { $doc.Parameters[$sub.TrimStart('-')] = $text } }
            'EXAMPLES' {
                if ($sub) {
                    $code = if ($text -match '(?s)```(?:powershell)?\n(.*?)\n```') { $Matches[1] } else { '' }
                    $remarks = ($text -replace '(?s)```(?:powershell)?\n.*?\n```', '').Trim()
                    $doc.Examples.Add([pscustomobject]@{ Title = $sub; Code = $code; Remarks = $remarks })
                }
            }
            'OUTPUTS' { if ($sub) { $doc.Outputs[$sub] = $text } }
            default { if ($section) { $doc.Sections[$section] = $text } }
        }
        $buffer.Clear()
    }
    foreach ($line in Get-Content $path) {
        if ($line -match '^## (.+)$') { & $flush; $section = $Matches[1].Trim().ToUpperInvariant(); $sub = $null; continue }
        if ($line -match '^### (.+)$') { & $flush; $sub = $Matches[1].Trim(); continue }
        if ($line -match '^# ') { continue }
        $buffer.Add($line)
    }
    & $flush
    $doc
}

function Write-Paragraphs([System.Xml.XmlWriter] $w, [string] $text) {
    $w.WriteStartElement('maml', 'description', $maml)
    foreach ($para in ($text -split "\n\s*\n")) {
        if ($para.Trim()) { $w.WriteElementString('maml', 'para', $maml, ($para -replace '\s*\n\s*', ' ').Trim()) }
    }
    $w.WriteEndElement()
}

function Write-Parameter([System.Xml.XmlWriter] $w, $parameter, $setMetadata, [string] $description) {
    $w.WriteStartElement('command', 'parameter', $command)
    $w.WriteAttributeString('required', $setMetadata.IsMandatory.ToString().ToLowerInvariant())
    $w.WriteAttributeString('position', $(if ($setMetadata.Position -ge 0) { $setMetadata.Position } else { 'named' }))
    $pipeline = @(if ($setMetadata.ValueFromPipeline) { 'ByValue' }; if ($setMetadata.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
    $w.WriteAttributeString('pipelineInput', $(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }))
    $w.WriteAttributeString('globbing', 'false')
    $w.WriteAttributeString('aliases', $(if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }))
    $w.WriteElementString('maml', 'name', $maml, $parameter.Name)
    Write-Paragraphs $w $description
    $typeName = $parameter.ParameterType.Name
    if ($parameter.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
        $w.WriteStartElement('command', 'parameterValue', $command); $w.WriteAttributeString('required', 'true'); $w.WriteString($typeName); $w.WriteEndElement()
    }
    $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, $parameter.ParameterType.FullName); $w.WriteEndElement()
    $w.WriteEndElement()
}

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

$module = Import-Module (Join-Path $ModuleFolder 'WorkOSDomains.psd1') -PassThru
$problems = [System.Collections.Generic.List[string]]::new()
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$helpFolder = New-Item -ItemType Directory -Force (Join-Path $ModuleFolder 'en-US')
$w = [System.Xml.XmlWriter]::Create((Join-Path $helpFolder 'WorkOSDomains.dll-Help.xml'), $settings)
$w.WriteStartDocument()
$w.WriteStartElement('helpItems', 'http://msh'); $w.WriteAttributeString('schema', 'maml')

foreach ($cmd in $module.ExportedCmdlets.Values | Sort-Object Name) {
    $source = Join-Path $HelpSource "$($cmd.Name).md"
    if (-not (Test-Path $source)) { $problems.Add("$($cmd.Name): no help file $source"); continue }
    $doc = Read-HelpMarkdown $source
    foreach ($needed in 'SYNOPSIS', 'DESCRIPTION') { if (-not $doc.Sections[$needed]) { $problems.Add("$($cmd.Name): no $needed") } }
    if ($doc.Examples.Count -eq 0 -or @($doc.Examples | Where-Object { -not $_.Code }).Count) { $problems.Add("$($cmd.Name): every cmdlet needs examples, each with a powershell code block") }
    $parameters = @($cmd.Parameters.Values | Where-Object { Test-Documented $_ })
    foreach ($p in $parameters) { if (-not $doc.Parameters[$p.Name]) { $problems.Add("$($cmd.Name): parameter -$($p.Name) has no description") } }
    foreach ($p in $doc.Parameters.Keys) { if ($p -notin $parameters.Name) { $problems.Add("$($cmd.Name): help describes -$p, which the cmdlet does not have") } }

    $w.WriteStartElement('command', 'command', $command)
    $w.WriteAttributeString('xmlns', 'maml', $null, $maml); $w.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $w.WriteStartElement('command', 'details', $command)
    $w.WriteElementString('command', 'name', $command, $cmd.Name)
    $w.WriteElementString('command', 'verb', $command, $cmd.Verb)
    $w.WriteElementString('command', 'noun', $command, $cmd.Noun)
    Write-Paragraphs $w $doc.Sections['SYNOPSIS']
    $w.WriteEndElement()
    Write-Paragraphs $w $doc.Sections['DESCRIPTION']

    $w.WriteStartElement('command', 'syntax', $command)
    foreach ($set in $cmd.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $command)
        $w.WriteElementString('maml', 'name', $maml, $cmd.Name)
        foreach ($p in $set.Parameters | Where-Object { Test-Documented $cmd.Parameters[$_.Name] }) {
            Write-Parameter $w $cmd.Parameters[$p.Name] $p $doc.Parameters[$p.Name]
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $command)
    foreach ($p in $parameters) {
        $firstSet = $p.ParameterSets.Values | Select-Object -First 1
        Write-Parameter $w $p $firstSet $doc.Parameters[$p.Name]
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'returnValues', $command)
    foreach ($type in $doc.Outputs.Keys) {
        $w.WriteStartElement('command', 'returnValue', $command)
        $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, $type); $w.WriteEndElement()
        Write-Paragraphs $w $doc.Outputs[$type]
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    if ($doc.Sections['NOTES']) {
        $w.WriteStartElement('maml', 'alertSet', $maml); $w.WriteStartElement('maml', 'alert', $maml)
        $w.WriteElementString('maml', 'para', $maml, $doc.Sections['NOTES'])
        $w.WriteEndElement(); $w.WriteEndElement()
    }

    $w.WriteStartElement('command', 'examples', $command)
    foreach ($example in $doc.Examples) {
        $w.WriteStartElement('command', 'example', $command)
        $w.WriteElementString('maml', 'title', $maml, "-------------------------- $($example.Title) --------------------------")
        $w.WriteElementString('dev', 'code', $dev, $example.Code)
        $w.WriteStartElement('dev', 'remarks', $dev)
        foreach ($para in ($example.Remarks -split "\n\s*\n")) { if ($para.Trim()) { $w.WriteElementString('maml', 'para', $maml, $para.Trim()) } }
        $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteEndElement()
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Close()

if ($problems.Count) {
    $problems | ForEach-Object { Write-Error $_ -ErrorAction Continue }
    exit 1
}
