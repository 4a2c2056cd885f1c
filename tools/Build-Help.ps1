<#
.SYNOPSIS
    Compiles docs/help/<Cmdlet>.md into MAML help (en-US/WorkOSDomains.dll-Help.xml) and
    docs/about/about_<Topic>.md into en-US/about_<Topic>.help.txt.
.DESCRIPTION
    Syntax, parameter types, positions and pipeline input come from the built cmdlets themselves;
    the prose from the markdown. The build fails when help falls behind the code: an exported
    cmdlet without a help file or a help file without a cmdlet, a missing synopsis, description,
    INPUTS, OUTPUTS or RELATED LINKS section, fewer than two examples or one without code, a
    parameter without a description or a description without a parameter, OUTPUTS that differ from
    the cmdlet's [OutputType], an unknown section, or an about topic line wider than 80 columns.

    Cmdlet markdown:
        # Verb-Noun
        ## SYNOPSIS / ## DESCRIPTION / ## NOTES   text
        ## PARAMETERS     then  ### -Name  and its text
        ## EXAMPLES       then  ### Example title, a ```powershell block, then remarks
        ## INPUTS         then  ### TypeName  and its text ("None" when nothing is taken)
        ## OUTPUTS        then  ### TypeName  and its text ("None" when nothing is written)
        ## RELATED LINKS  one cmdlet or about_ topic per line, or [text](https://...)

    Text keeps its line breaks: a blank line starts a new paragraph, every other line break, list
    and indentation stays as written, and a fenced block is kept verbatim without its fences.
    Only the synopsis is joined into one line, as lists of commands show it in one row.

    About markdown: "# about_Name", then "## SHORT DESCRIPTION", "## LONG DESCRIPTION" and any
    other "## SECTION" (written in capitals) with "### Subheadings" (indented by two); text is
    indented by four, fenced code by eight.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleFolder,
    [Parameter(Mandatory)] [string] $HelpSource,
    [Parameter(Mandatory)] [string] $AboutSource
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
$cmdletSections = 'SYNOPSIS', 'DESCRIPTION', 'PARAMETERS', 'EXAMPLES', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS'
$fence = '^\s*```'

function Test-Documented($parameter) {
    # Common parameters have PowerShell's own help; DontShow ones (test hooks) stay out of help.
    $parameter.Name -notin $common -and -not ($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow })
}

function Read-HelpMarkdown([string] $path) {
    # Sections (## NAME) and their parts (### Name) with their lines as written; headings inside
    # fenced blocks are code (PowerShell comments start with #).
    $doc = @{ Sections = [ordered]@{}; Parameters = @{}; Examples = [System.Collections.Generic.List[object]]::new(); Inputs = [ordered]@{}; Outputs = [ordered]@{} }
    $section = $null; $sub = $null; $inFence = $false
    $buffer = [System.Collections.Generic.List[string]]::new()
    $flush = {
        $lines = @($buffer)
        switch ($section) {
            'PARAMETERS' { if ($sub) { $doc.Parameters[$sub.TrimStart('-')] = $lines } }
            'EXAMPLES' { if ($sub) { $doc.Examples.Add((Split-Example $sub $lines)) } }
            'INPUTS' { if ($sub) { $doc.Inputs[$sub] = $lines } }
            'OUTPUTS' { if ($sub) { $doc.Outputs[$sub] = $lines } }
            default { if ($section) { $doc.Sections[$section] = $lines } }
        }
        $buffer.Clear()
    }
    foreach ($line in Get-Content $path) {
        if ($line -match $fence) { $inFence = -not $inFence }
        elseif (-not $inFence) {
            if ($line -match '^## (.+)$') { & $flush; $section = $Matches[1].Trim().ToUpperInvariant(); $sub = $null; continue }
            if ($line -match '^### (.+)$') { & $flush; $sub = $Matches[1].Trim(); continue }
            if ($line -match '^# ') { continue }
        }
        $buffer.Add($line.TrimEnd())
    }
    & $flush
    $doc
}

function Split-Example([string] $title, [string[]] $lines) {
    # The first fenced block is the code; everything else is the remarks.
    $start = -1; $end = -1
    for ($i = 0; $i -lt $lines.Count; $i++) {
        if ($lines[$i] -match $fence) { if ($start -lt 0) { $start = $i } else { $end = $i; break } }
    }
    if ($end -lt 0) { return [pscustomobject]@{ Title = $title; Code = ''; Remarks = $lines } }
    [pscustomobject]@{
        Title   = $title
        Code    = @($lines | Select-Object -Skip ($start + 1) -First ($end - $start - 1)) -join "`n"
        Remarks = @($lines | Select-Object -First $start) + @($lines | Select-Object -Skip ($end + 1))
    }
}

function Get-Blocks([string[]] $lines) {
    # Paragraphs as they are written: split at blank lines (not inside a fenced block), fences
    # dropped, the common indentation removed and every other line break kept. Code marks a fenced
    # or indented block.
    $blocks = [System.Collections.Generic.List[object]]::new()
    $current = [System.Collections.Generic.List[string]]::new()
    $inFence = $false
    $close = {
        $kept = @($current | Where-Object { $_.Trim() })
        if ($kept) {
            $indent = ($kept | ForEach-Object { $_.Length - $_.TrimStart().Length } | Measure-Object -Minimum).Minimum
            $text = ($current | ForEach-Object { if ($_.Length -ge $indent) { $_.Substring($indent) } else { $_.TrimStart() } }) -join "`n"
            $blocks.Add([pscustomobject]@{ Text = $text.Trim("`n"); Code = $inFence -or $indent -ge 4 })
        }
        $current.Clear()
    }
    foreach ($line in $lines) {
        if ($line -match $fence) { & $close; $inFence = -not $inFence; continue }
        if ($inFence) { $current.Add($line); continue }
        if (-not $line.Trim()) { & $close; continue }
        $current.Add(($line -replace '\[([^\]]+)\]\((https?://[^)]+)\)', '$1 ($2)'))
    }
    & $close
    $blocks
}

function Write-Paragraphs([System.Xml.XmlWriter] $w, [string[]] $lines, [string] $element = 'description', [string] $prefix = 'maml') {
    $w.WriteStartElement($prefix, $element, $(if ($prefix -eq 'dev') { $dev } else { $maml }))
    foreach ($block in Get-Blocks $lines) { $w.WriteElementString('maml', 'para', $maml, $block.Text) }
    $w.WriteEndElement()
}

function Write-Type([System.Xml.XmlWriter] $w, [string] $kind, [string] $name, [string[]] $lines) {
    $w.WriteStartElement('command', $kind, $command)
    $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, $name); $w.WriteEndElement()
    Write-Paragraphs $w $lines
    $w.WriteEndElement()
}

function Get-ParameterDefault([object] $cmdlet, [string] $name) {
    # What a parameter holds when it is not given, read from a new instance of the cmdlet: the
    # value the code really uses, so the help cannot drift from it. Nothing for empty values.
    $property = $cmdlet.GetType().GetProperty($name)
    if (-not $property) { return $null } # a parameter PowerShell adds (paging, -WhatIf)
    $value = $property.GetValue($cmdlet)
    if ($null -eq $value -or ($value -is [string] -and -not $value) -or ($value -is [array] -and $value.Count -eq 0)) { return $null }
    if ($value -is [System.Management.Automation.SwitchParameter]) { return $(if ($value.IsPresent) { 'True' } else { 'False' }) }
    if ($value -is [TimeSpan]) { return "$($value.TotalSeconds) seconds ($value)" }
    "$value"
}

function Write-Parameter([System.Xml.XmlWriter] $w, $parameter, $setMetadata, [string[]] $description, [string] $default) {
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
    $w.WriteElementString('dev', 'defaultValue', $dev, $(if ($default) { $default } else { 'None' }))
    $w.WriteEndElement()
}

function Write-RelatedLinks([System.Xml.XmlWriter] $w, [string[]] $lines) {
    $w.WriteStartElement('maml', 'relatedLinks', $maml)
    foreach ($line in $lines | ForEach-Object { ($_ -replace '^\s*[-*]\s+', '').Trim() } | Where-Object { $_ }) {
        $text, $uri = if ($line -match '^\[([^\]]+)\]\(([^)]+)\)$') { $Matches[1], $Matches[2] } elseif ($line -match '^https?://') { $line, $line } else { $line, '' }
        $w.WriteStartElement('maml', 'navigationLink', $maml)
        $w.WriteElementString('maml', 'linkText', $maml, $text)
        $w.WriteElementString('maml', 'uri', $maml, $uri)
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
}

function Test-HasText([object] $lines) { [bool]($lines -and ($lines -join '').Trim()) }

function Test-CommandHelp($cmd, $doc, [System.Collections.Generic.List[string]] $problems) {
    $name = $cmd.Name
    foreach ($section in $doc.Sections.Keys) { if ($section -notin $cmdletSections) { $problems.Add("${name}: unknown section '## $section' (known: $($cmdletSections -join ', '))") } }
    foreach ($needed in 'SYNOPSIS', 'DESCRIPTION', 'RELATED LINKS') { if (-not (Test-HasText $doc.Sections[$needed])) { $problems.Add("${name}: no $needed") } }
    if ($doc.Examples.Count -lt 2) { $problems.Add("${name}: $($doc.Examples.Count) example(s); every cmdlet needs at least two") }
    foreach ($example in $doc.Examples | Where-Object { -not $_.Code }) { $problems.Add("${name}: example '$($example.Title)' has no powershell code block") }
    if ($doc.Inputs.Count -eq 0) { $problems.Add("${name}: no INPUTS (### None when it takes no pipeline input)") }
    $parameters = @($cmd.Parameters.Values | Where-Object { Test-Documented $_ })
    foreach ($p in $parameters) { if (-not (Test-HasText $doc.Parameters[$p.Name])) { $problems.Add("${name}: parameter -$($p.Name) has no description") } }
    foreach ($p in $doc.Parameters.Keys) { if ($p -notin $parameters.Name) { $problems.Add("${name}: help describes -$p, which the cmdlet does not have") } }
    foreach ($type in @($doc.Inputs.Keys) + @($doc.Outputs.Keys)) {
        if (-not (Test-HasText $(if ($doc.Inputs.Contains($type)) { $doc.Inputs[$type] } else { $doc.Outputs[$type] }))) { $problems.Add("${name}: type $type has no text") }
    }
    # What the help says comes out is what [OutputType] declares; void is "None".
    $declared = @($cmd.OutputType.Name | ForEach-Object { if ($_ -eq 'System.Void') { 'None' } else { $_ } } | Sort-Object -Unique)
    $documented = @($doc.Outputs.Keys | Sort-Object -Unique)
    if (($declared -join ', ') -ne ($documented -join ', ')) { $problems.Add("${name}: OUTPUTS lists '$($documented -join ', ')' but [OutputType] declares '$($declared -join ', ')'") }
}

function ConvertTo-AboutText([string] $path, [System.Collections.Generic.List[string]] $problems) {
    $name = [IO.Path]::GetFileNameWithoutExtension($path)
    $lines = @(Get-Content $path | ForEach-Object { $_.TrimEnd() })
    if (-not $lines -or $lines[0] -ne "# $name") { $problems.Add("${name}: the first line must be '# $name'") }
    $out = [System.Collections.Generic.List[string]]::new()
    $out.Add('TOPIC'); $out.Add("    $name")
    $sections = [System.Collections.Generic.List[string]]::new()
    $text = [System.Collections.Generic.List[string]]::new()
    $flushText = {
        foreach ($block in Get-Blocks $text) {
            $indent = if ($block.Code) { ' ' * 8 } else { ' ' * 4 }
            if ($out[-1] -match '^ {4}') { $out.Add('') } # text follows its heading directly; blocks stand apart
            foreach ($l in $block.Text -split "`n") { $out.Add($(if ($l) { $indent + $l } else { '' })) }
        }
        $text.Clear()
    }
    $inFence = $false
    foreach ($line in $lines | Select-Object -Skip 1) {
        if ($line -match $fence) { $inFence = -not $inFence }
        elseif (-not $inFence -and $line -match '^## (.+)$') { & $flushText; $sections.Add($Matches[1].Trim().ToUpperInvariant()); $out.Add(''); $out.Add($sections[-1]); continue }
        elseif (-not $inFence -and $line -match '^### (.+)$') { & $flushText; $out.Add(''); $out.Add("  $($Matches[1].Trim())"); continue }
        $text.Add($line)
    }
    & $flushText
    foreach ($needed in 'SHORT DESCRIPTION', 'LONG DESCRIPTION') { if ($needed -notin $sections) { $problems.Add("${name}: no '## $needed'") } }
    foreach ($wide in $out | Where-Object { $_.Length -gt 80 }) { $problems.Add("${name}: the line '$($wide.Trim())' is wider than 80 columns once indented") }
    $out.Add('')
    $out -join [Environment]::NewLine
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

$exported = @($module.ExportedCmdlets.Values | Sort-Object Name)
foreach ($file in Get-ChildItem $HelpSource -Filter *.md) {
    if ($file.BaseName -notin $exported.Name) { $problems.Add("$($file.Name): no exported cmdlet $($file.BaseName)") }
}
foreach ($cmd in $exported) {
    $source = Join-Path $HelpSource "$($cmd.Name).md"
    if (-not (Test-Path $source)) { $problems.Add("$($cmd.Name): no help file $source"); continue }
    $doc = Read-HelpMarkdown $source
    Test-CommandHelp $cmd $doc $problems
    $parameters = @($cmd.Parameters.Values | Where-Object { Test-Documented $_ })
    $instance = [Activator]::CreateInstance($cmd.ImplementingType)

    $w.WriteStartElement('command', 'command', $command)
    $w.WriteAttributeString('xmlns', 'maml', $null, $maml); $w.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $w.WriteStartElement('command', 'details', $command)
    $w.WriteElementString('command', 'name', $command, $cmd.Name)
    $w.WriteElementString('command', 'verb', $command, $cmd.Verb)
    $w.WriteElementString('command', 'noun', $command, $cmd.Noun)
    $w.WriteStartElement('maml', 'description', $maml)
    $w.WriteElementString('maml', 'para', $maml, (($doc.Sections['SYNOPSIS'] | ForEach-Object Trim | Where-Object { $_ }) -join ' '))
    $w.WriteEndElement()
    $w.WriteEndElement()
    Write-Paragraphs $w $doc.Sections['DESCRIPTION']

    $w.WriteStartElement('command', 'syntax', $command)
    foreach ($set in $cmd.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $command)
        $w.WriteElementString('maml', 'name', $maml, $cmd.Name)
        # -WhatIf and -Confirm belong in the syntax of the commands that change things, as in PowerShell's own help.
        foreach ($p in $set.Parameters | Where-Object { (Test-Documented $cmd.Parameters[$_.Name]) -or $_.Name -in 'WhatIf', 'Confirm' }) {
            Write-Parameter $w $cmd.Parameters[$p.Name] $p $doc.Parameters[$p.Name]
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $command)
    foreach ($p in $parameters) {
        $firstSet = $p.ParameterSets.Values | Select-Object -First 1
        Write-Parameter $w $p $firstSet $doc.Parameters[$p.Name] (Get-ParameterDefault $instance $p.Name)
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'inputTypes', $command)
    foreach ($type in $doc.Inputs.Keys) { Write-Type $w 'inputType' $type $doc.Inputs[$type] }
    $w.WriteEndElement()
    $w.WriteStartElement('command', 'returnValues', $command)
    foreach ($type in $doc.Outputs.Keys) { Write-Type $w 'returnValue' $type $doc.Outputs[$type] }
    $w.WriteEndElement()

    if (Test-HasText $doc.Sections['NOTES']) {
        $w.WriteStartElement('maml', 'alertSet', $maml)
        Write-Paragraphs $w $doc.Sections['NOTES'] 'alert'
        $w.WriteEndElement()
    }

    $w.WriteStartElement('command', 'examples', $command)
    foreach ($example in $doc.Examples) {
        $w.WriteStartElement('command', 'example', $command)
        $w.WriteElementString('maml', 'title', $maml, "-------------------------- $($example.Title) --------------------------")
        $w.WriteElementString('dev', 'code', $dev, $example.Code)
        Write-Paragraphs $w $example.Remarks 'remarks' 'dev'
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    Write-RelatedLinks $w $doc.Sections['RELATED LINKS']
    $w.WriteEndElement()
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Close()

# about_ topics: plain text next to the MAML, where Get-Help about_<Name> finds them. UTF-8 with a
# byte order mark, which Windows PowerShell 5.1 needs to read anything beyond ASCII.
foreach ($about in Get-ChildItem $AboutSource -Filter 'about_*.md') {
    $text = ConvertTo-AboutText $about.FullName $problems
    [IO.File]::WriteAllText((Join-Path $helpFolder "$($about.BaseName).help.txt"), $text, [System.Text.UTF8Encoding]::new($true))
}

if ($problems.Count) {
    $problems | ForEach-Object { Write-Error $_ -ErrorAction Continue }
    exit 1
}
