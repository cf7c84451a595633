#!/usr/bin/env python3
# make-web-shop.py: writes web-shop.tm7 next to it, the fixture of tests/test-tm7.c.
# The model is made up for Moat's tests; its structure follows the files the
# Microsoft Threat Modeling Tool saves (DataContract XML).
from xml.sax.saxutils import escape as esc
NS = 'xmlns="http://schemas.datacontract.org/2004/07/ThreatModeling.Model.Abstracts"'
KB = 'xmlns:b="http://schemas.datacontract.org/2004/07/ThreatModeling.KnowledgeBase"'
XS = 'xmlns:c="http://www.w3.org/2001/XMLSchema"'
zid = [1]
def z():
    zid[0] += 1
    return 'i%d' % zid[0]

def header(name):
    return f'<a:anyType i:type="b:HeaderDisplayAttribute" {KB}><b:DisplayName>{esc(name)}</b:DisplayName><b:Name/><b:Value i:nil="true"/></a:anyType>'
def string(display, value, key=''):
    k = f'<b:Name>{key}</b:Name>' if key else '<b:Name/>'
    v = f'<b:Value i:type="c:string" {XS}>{esc(value)}</b:Value>' if value else f'<b:Value i:type="c:string" {XS}/>'
    return f'<a:anyType i:type="b:StringDisplayAttribute" {KB}><b:DisplayName>{esc(display)}</b:DisplayName>{k}{v}</a:anyType>'
def custom(display, value):
    return f'<a:anyType i:type="b:CustomStringDisplayAttribute" {KB}><b:DisplayName>{esc(display)}</b:DisplayName><b:Name/><b:Value i:type="c:string" {XS}>{esc(value)}</b:Value></a:anyType>'
def boolean(display, key, value):
    return f'<a:anyType i:type="b:BooleanDisplayAttribute" {KB}><b:DisplayName>{display}</b:DisplayName><b:Name>{key}</b:Name><b:Value i:type="c:boolean" {XS}>{"true" if value else "false"}</b:Value></a:anyType>'
def lst(display, key, values, index):
    items = ''.join(f'<a:string>{esc(v)}</a:string>' for v in values)
    return f'<a:anyType i:type="b:ListDisplayAttribute" {KB}><b:DisplayName>{esc(display)}</b:DisplayName><b:Name>{key}</b:Name><b:Value i:type="a:ArrayOfstring">{items}</b:Value><b:SelectedIndex>{index}</b:SelectedIndex></a:anyType>'
def scope(out=False, reason=''):
    return (boolean('Out Of Scope', '71f3d9aa-b8ef-4e54-8126-607a1d903103', out) +
            string('Reason For Out Of Scope', reason, '752473b6-52d4-4776-9a24-202153f7d579'))
YN = ['No', 'Yes']
NSY = ['Not Selected', 'Yes', 'No']

def border(guid, itype, generic, typeid, props, left, top, w, h, dash=None):
    d = f'<StrokeDashArray {NS}>{dash}</StrokeDashArray>' if dash else f'<StrokeDashArray i:nil="true" {NS}/>'
    return (f'<a:KeyValueOfguidanyType><a:Key>{guid}</a:Key><a:Value z:Id="{z()}" i:type="{itype}">'
            f'<GenericTypeId {NS}>{generic}</GenericTypeId><Guid {NS}>{guid}</Guid>'
            f'<Properties {NS}>{props}</Properties><TypeId {NS}>{typeid}</TypeId>'
            f'<Height {NS}>{h}</Height><Left {NS}>{left}</Left>{d}'
            f'<StrokeThickness {NS}>1</StrokeThickness><Top {NS}>{top}</Top><Width {NS}>{w}</Width>'
            f'</a:Value></a:KeyValueOfguidanyType>\n')

def line(guid, itype, generic, typeid, props, src, s, tgt, t, handle, ports=('None', 'None')):
    return (f'<a:KeyValueOfguidanyType><a:Key>{guid}</a:Key><a:Value z:Id="{z()}" i:type="{itype}">'
            f'<GenericTypeId {NS}>{generic}</GenericTypeId><Guid {NS}>{guid}</Guid>'
            f'<Properties {NS}>{props}</Properties><TypeId {NS}>{typeid}</TypeId>'
            f'<HandleX {NS}>{handle[0]}</HandleX><HandleY {NS}>{handle[1]}</HandleY>'
            f'<PortSource {NS}>{ports[0]}</PortSource><PortTarget {NS}>{ports[1]}</PortTarget>'
            f'<SourceGuid {NS}>{src}</SourceGuid><SourceX {NS}>{s[0]}</SourceX><SourceY {NS}>{s[1]}</SourceY>'
            f'<TargetGuid {NS}>{tgt}</TargetGuid><TargetX {NS}>{t[0]}</TargetX><TargetY {NS}>{t[1]}</TargetY>'
            f'</a:Value></a:KeyValueOfguidanyType>\n')

def flowprops(kind, name, conf=0, src_auth=0, dst_auth=0, integrity=0):
    return (header(kind) + string('Name', name) + scope() + header('Configurable Attributes') + header('As Generic Data Flow') +
            lst('Source Authenticated', 'authenticatesSource', ['Not Selected', 'No', 'Yes'], src_auth) +
            lst('Destination Authenticated', 'authenticatesDestination', ['Not Selected', 'No', 'Yes'], dst_auth) +
            lst('Provides Confidentiality', 'providesConfidentiality', YN, conf) +
            lst('Provides Integrity', 'providesIntegrity', YN, integrity))

def process(kind, name, running=0, accepts=0, authn=0, authz=0, sani_in=0, sani_out=0, code=0, out=False, reason=''):
    return (header(kind) + string('Name', name) + scope(out, reason) + header('Configurable Attributes') + header('As Generic Process') +
            lst('Code Type', 'codeType', ['Not Selected', 'Managed', 'Unmanaged'], code) +
            lst('Running As', 'runningAs', ['Not Selected', 'Kernel', 'System', 'Network Service', 'Local Service', 'Administrator',
                                           'Standard User With Elevation', 'Standard User Without Elevation', 'Windows Store App'], running) +
            lst('Accepts Input From', 'acceptsInputFrom', ['Not Selected', 'Any Remote User or Entity', 'Kernel, System, or Local Admin',
                                                           'Local or Network Service', 'Nothing', 'Other'], accepts) +
            lst('Implements or Uses an Authentication Mechanism', 'implementsAuthenticationScheme', YN, authn) +
            lst('Implements or Uses an Authorization Mechanism', 'implementsCustomAuthorizationMechanism', YN, authz) +
            lst('Sanitizes Input', 'hasInputSanitizers', NSY, sani_in) +
            lst('Sanitizes Output', 'hasOutputSanitizers', NSY, sani_out))

def interactor(kind, name, authself=0, out=False, reason='', typ='Human'):
    return (header(kind) + string('Name', name) + scope(out, reason) + header('Predefined Static Attributes') +
            f'<a:anyType i:type="b:StaticListDisplayAttribute" {KB}><b:DisplayName>Type</b:DisplayName><b:Name>type</b:Name><b:Value i:type="a:ArrayOfstring"><a:string>{typ}</a:string></b:Value><b:SelectedIndex>0</b:SelectedIndex></a:anyType>' +
            header('Configurable Attributes') + header('As Generic External Interactor') +
            lst('Authenticates Itself', 'authenticatesItself', ['Not Applicable', 'No', 'Yes'], authself))

def store(kind, name, creds=0, enc=0, storetype=0, extra=''):
    return (header(kind) + string('Name', name) + scope() + header('Configurable Attributes') + header('As Generic Data Store') +
            lst('Stores Credentials', 'storesCredentials', YN, creds) +
            lst('Encrypted', 'Encrypted', YN, enc) +
            lst('Store Type', 'storeType', ['Not Selected', 'SQL Relational Database', 'Non Relational Database', 'File System', 'Cache'], storetype) + extra)

ZERO = '00000000-0000-0000-0000-000000000000'
# Surface 1: the shop
S1 = '5a1f0c3e-7d2b-4c19-9e41-0b6f2a7d1e01'
CUSTOMER = 'c0a80101-1111-4a6b-8c01-000000000001'
SHOP = 'c0a80101-1111-4a6b-8c01-000000000002'
ORDERS = 'c0a80101-1111-4a6b-8c01-000000000003'
PSP = 'c0a80101-1111-4a6b-8c01-000000000004'
NET = 'c0a80101-1111-4a6b-8c01-000000000005'
INET = 'c0a80101-1111-4a6b-8c01-000000000006'
NOTE = 'c0a80101-1111-4a6b-8c01-000000000007'
F_ORDER = 'f1000000-2222-4b7c-9d02-000000000001'
F_CONFIRM = 'f1000000-2222-4b7c-9d02-000000000002'
F_SQL = 'f1000000-2222-4b7c-9d02-000000000003'
F_CHARGE = 'f1000000-2222-4b7c-9d02-000000000004'
F_LOOSE = 'f1000000-2222-4b7c-9d02-000000000005'
F_DANGLING = 'f1000000-2222-4b7c-9d02-000000000006'
borders1 = (
    border(CUSTOMER, 'StencilRectangle', 'GE.EI', 'SE.EI.TMCore.Browser', interactor('Browser', 'Customer', authself=2, typ='Code'), 60, 200, 100, 100) +
    border(SHOP, 'StencilEllipse', 'GE.P', 'SE.P.TMCore.WebApp', process('Web Application', 'Web Shop', running=3, accepts=1, authn=1, authz=1, sani_in=1, code=1), 420, 200, 100, 100) +
    border(ORDERS, 'StencilParallelLines', 'GE.DS', 'SE.DS.TMCore.SQL', store('SQL Database', 'Orders DB', creds=1, enc=1, storetype=1), 760, 200, 120, 100) +
    border(PSP, 'StencilRectangle', 'GE.EI', 'SE.EI.TMCore.WebApp', interactor('External Web Application', 'Payment Provider', out=True, reason='Third party; covered by its PCI attestation', typ='Code'), 760, 460, 120, 100) +
    border(NET, 'BorderBoundary', 'GE.TB.B', 'SE.TB.B.TMCore.CorpNet', header('CorpNet Trust Boundary') + string('Name', 'Shop Network') + header('Configurable Attributes') + header('As Generic Trust Border Boundary'), 350, 140, 580, 260, dash=1) +
    border(NOTE, 'StencilAnnotation', 'GE.A', 'GE.A', header('Free Text Annotation') + string('Name', 'Card numbers never reach the shop'), 60, 600, 220, 60)
)
lines1 = (
    line(INET, 'LineBoundary', 'GE.TB.L', 'SE.TB.L.TMCore.Internet', header('Internet Boundary') + string('Name', 'Internet Boundary') + header('Configurable Attributes') + header('As Generic Trust Line Boundary'), ZERO, (260, 80), ZERO, (250, 560), (290, 320)) +
    line(F_ORDER, 'Connector', 'GE.DF', 'SE.DF.TMCore.HTTPS', flowprops('HTTPS', 'Order', conf=1, src_auth=2, integrity=1), CUSTOMER, (160, 230), SHOP, (420, 230), (290, 170), ('East', 'West')) +
    line(F_CONFIRM, 'Connector', 'GE.DF', 'SE.DF.TMCore.HTTPS', flowprops('HTTPS', 'Confirmation', conf=1), SHOP, (420, 270), CUSTOMER, (160, 270), (290, 270), ('West', 'East')) +
    line(F_SQL, 'Connector', 'GE.DF', 'SE.DF.TMCore.SQL', flowprops('SQL', 'Store order'), SHOP, (520, 250), ORDERS, (760, 250), (640, 250), ('East', 'West')) +
    line(F_CHARGE, 'Connector', 'GE.DF', 'SE.DF.TMCore.HTTPS', flowprops('HTTPS', 'Charge card', conf=1, dst_auth=2), SHOP, (470, 300), PSP, (760, 510), (560, 470), ('South', 'West')) +
    line(F_LOOSE, 'Connector', 'GE.DF', 'SE.DF.TMCore.Generic', flowprops('Generic Data Flow', 'Nightly export'), ZERO, (820, 305), PSP, (820, 460), (845, 385), ('None', 'North')) +
    line(F_DANGLING, 'Connector', 'GE.DF', 'SE.DF.TMCore.Generic', flowprops('Generic Data Flow', 'Unfinished flow'), ZERO, (1100, 80), ZERO, (1200, 120), (1150, 100))
)
# Surface 2: back office, drawn with a stencil of a custom template
S2 = '5a1f0c3e-7d2b-4c19-9e41-0b6f2a7d1e02'
ADMIN = 'c0a80101-1111-4a6b-8c01-000000000011'
CONSOLE = 'c0a80101-1111-4a6b-8c01-000000000012'
AUDIT = 'c0a80101-1111-4a6b-8c01-000000000013'
CLOUDDB = 'c0a80101-1111-4a6b-8c01-000000000014'
F_LOGIN = 'f1000000-2222-4b7c-9d02-000000000011'
F_AUDIT = 'f1000000-2222-4b7c-9d02-000000000012'
F_REPORT = 'f1000000-2222-4b7c-9d02-000000000013'
CUSTOM_DB = '7e3b6a52-0c4d-4f8e-a1b2-3c4d5e6f7a80'
borders2 = (
    border(ADMIN, 'StencilRectangle', 'GE.EI', 'SE.EI.TMCore.User', interactor('Human User', 'Administrator', authself=2), 60, 120, 100, 100) +
    border(CONSOLE, 'StencilEllipse', 'GE.P', 'GE.P', process('Generic Process', 'Admin Console', running=5, authn=1, sani_in=2, sani_out=1), 340, 120, 100, 100) +
    border(AUDIT, 'StencilParallelLines', 'GE.DS', 'GE.DS', store('Generic Data Store', 'Audit Log', extra=header('Custom Attributes') + custom('Retention', '400 days')), 620, 60, 120, 80) +
    border(CLOUDDB, 'StencilRectangle', CUSTOM_DB, '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', header('Reporting Warehouse') + string('Name', 'Reporting Warehouse') + scope(), 620, 260, 120, 80)
)
lines2 = (
    line(F_LOGIN, 'Connector', 'GE.DF', 'SE.DF.TMCore.HTTPS', flowprops('HTTPS', 'Sign in', conf=1, src_auth=2), ADMIN, (160, 170), CONSOLE, (340, 170), (250, 170), ('East', 'West')) +
    line(F_AUDIT, 'Connector', 'GE.DF', 'SE.DF.TMCore.Generic', flowprops('Generic Data Flow', 'Write events'), CONSOLE, (440, 150), AUDIT, (620, 100), (520, 100), ('NorthEast', 'West')) +
    line(F_REPORT, 'Connector', 'GE.DF', 'SE.DF.TMCore.Generic', flowprops('Generic Data Flow', 'Query reports'), CONSOLE, (440, 190), CLOUDDB, (620, 300), (560, 230), ('SouthEast', 'West'))
)

def surface(guid, name, borders, lines):
    return (f'<DrawingSurfaceModel z:Id="{z()}" xmlns:z="http://schemas.microsoft.com/2003/10/Serialization/">'
            f'<GenericTypeId {NS}>DRAWINGSURFACE</GenericTypeId><Guid {NS}>{guid}</Guid>'
            f'<Properties {NS} xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays">{header("Diagram")}{string("Name", name)}</Properties>'
            f'<TypeId {NS}>DRAWINGSURFACE</TypeId>'
            f'<Borders xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays">\n{borders}</Borders>'
            f'<Header>{esc(name)}</Header>'
            f'<Lines xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays">\n{lines}</Lines>'
            f'<Zoom>1</Zoom></DrawingSurfaceModel>\n')

def threat(n, typeid, surface_guid, src, flow, tgt, title, category, desc, state, priority, justification='', extra=()):
    key = f'{typeid}{src}{flow}{tgt}'
    props = [('Title', title), ('UserThreatCategory', category), ('UserThreatShortDescription', f'{category} threats, in general terms.'),
             ('UserThreatDescription', desc), ('StateInformation', justification), ('InteractionString', 'interaction'), ('Priority', priority)] + list(extra)
    p = ''.join(f'<a:KeyValueOfstringstring><a:Key>{k}</a:Key><a:Value>{esc(v)}</a:Value></a:KeyValueOfstringstring>' for k, v in props)
    si = f'<b:StateInformation>{esc(justification)}</b:StateInformation>' if justification else '<b:StateInformation i:nil="true"/>'
    return (f'<a:KeyValueOfstringThreatpc_P0_PhOB><a:Key>{key}</a:Key><a:Value {KB}>'
            f'<b:ChangedBy i:nil="true"/><b:DrawingSurfaceGuid>{surface_guid}</b:DrawingSurfaceGuid><b:FlowGuid>{flow}</b:FlowGuid>'
            f'<b:Id>{n}</b:Id><b:InteractionKey>{src}:{flow}:{tgt}</b:InteractionKey><b:InteractionString i:nil="true"/>'
            f'<b:ModifiedAt>2026-03-02T10:15:00</b:ModifiedAt><b:Priority>{priority}</b:Priority><b:Properties>{p}</b:Properties>'
            f'<b:SourceGuid>{src}</b:SourceGuid><b:State>{state}</b:State>{si}<b:TargetGuid>{tgt}</b:TargetGuid>'
            f'<b:Title i:nil="true"/><b:TypeId>{typeid}</b:TypeId><b:Upgraded>false</b:Upgraded>'
            f'<b:UserThreatCategory i:nil="true"/><b:UserThreatDescription i:nil="true"/><b:UserThreatShortDescription i:nil="true"/>'
            f'<b:Wide>false</b:Wide></a:Value></a:KeyValueOfstringThreatpc_P0_PhOB>\n')

TEAM = '2c9e4f10-5b7a-4d3e-8f61-0a1b2c3d4e5f'
threats = (
    threat(1, 'T1', S1, CUSTOMER, F_ORDER, SHOP, 'Spoofing of the Customer browser', 'Spoofing',
           'An attacker could pose as a customer and place orders in their name.', 'AutoGenerated', 'High') +
    threat(2, 'T7', S1, SHOP, F_SQL, ORDERS, 'SQL injection into Orders DB', 'Tampering',
           'Order fields reach SQL statements built by the shop.', 'NeedsInvestigation', 'Medium', 'Check that the ORM binds every parameter') +
    threat(3, 'T12', S1, SHOP, F_CONFIRM, CUSTOMER, 'Data flow sniffing of the confirmation', 'Information Disclosure',
           'The confirmation could be read on the way.', 'NotApplicable', 'Low', 'Only order numbers, sent over TLS') +
    threat(4, 'T20', S1, CUSTOMER, F_ORDER, SHOP, 'Flooding the Web Shop with orders', 'Denial Of Service',
           'Scripted orders could exhaust the shop.', 'Mitigated', 'High', 'Rate limiting at the edge') +
    threat(5, 'T31', S2, ADMIN, F_LOGIN, CONSOLE, 'Elevation through the Admin Console', 'Elevation Of Privilege',
           'A console bug could give a user administrator rights.', 'NotStarted', 'Critical') +
    threat(6, 'T40', S1, ORDERS, F_DANGLING, PSP, 'Unlogged card charges', 'Repudiation',
           'Charges could be disputed with no record of who made them.', 'AutoGenerated', 'Urgent', extra=[(TEAM, 'Payments')])
)

kb = ('<KnowledgeBase z:Id="%s" xmlns:a="http://schemas.datacontract.org/2004/07/ThreatModeling.KnowledgeBase" xmlns:z="http://schemas.microsoft.com/2003/10/Serialization/">' % z() +
      '<a:GenericElements>' +
      ''.join(f'<a:ElementType><a:IsExtension>false</a:IsExtension><a:Attributes><a:Attribute><a:IsExtension>false</a:IsExtension><a:DisplayName>Example</a:DisplayName></a:Attribute></a:Attributes><a:Description/><a:Id>{i}</a:Id><a:Name>{n}</a:Name><a:ParentId>ROOT</a:ParentId><a:Representation>{r}</a:Representation></a:ElementType>'
              for i, n, r in [('GE.P', 'Generic Process', 'Ellipse'), ('GE.EI', 'Generic External Interactor', 'Rectangle'),
                              ('GE.DS', 'Generic Data Store', 'ParallelLines'), ('GE.DF', 'Generic Data Flow', 'Line'),
                              ('GE.TB.L', 'Generic Trust Line Boundary', 'LineBoundary'), ('GE.TB.B', 'Generic Trust Border Boundary', 'BorderBoundary'),
                              (CUSTOM_DB, 'Cloud Database', 'Rectangle'), ('GE.A', 'Free Text Annotation', 'Annotation')]) +
      '</a:GenericElements><a:Manifest><a:Author>Moat tests</a:Author><a:Id>cc62ebae-3748-431e-b1df-f4220dc9003f</a:Id><a:Name>SDL TM Knowledge Base (Core)</a:Name><a:Version>4.1.0.9</a:Version></a:Manifest>' +
      '<a:ThreatCategories><a:ThreatCategory><a:IsExtension>false</a:IsExtension><a:Id>S</a:Id><a:LongDescription/><a:Name>Spoofing</a:Name><a:ShortDescription/></a:ThreatCategory></a:ThreatCategories>' +
      '<a:ThreatMetaData><IsPriorityUsed>true</IsPriorityUsed><IsStatusUsed>true</IsStatusUsed><PropertiesMetaData>' +
      '<ThreatMetaDatum><Name>Title</Name><Label>Title</Label><HideFromUI>false</HideFromUI><Values xmlns:b="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><b:string/></Values><Id>ac0f9ea8-3b39-4ce9-bac2-6787124d7b48</Id></ThreatMetaDatum>' +
      f'<ThreatMetaDatum><Name>Team</Name><Label>Owning team</Label><HideFromUI>false</HideFromUI><Values xmlns:b="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><b:string/></Values><Id>{TEAM}</Id></ThreatMetaDatum>' +
      '</PropertiesMetaData></a:ThreatMetaData><a:ThreatTypes/></KnowledgeBase>')

doc = ('<?xml version="1.0" encoding="utf-8"?>\n'
       '<!-- A model written for Moat\'s tests, following the structure of the files the Microsoft Threat Modeling Tool saves. -->\n'
       '<ThreatModel xmlns="http://schemas.datacontract.org/2004/07/ThreatModeling.Model" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">\n'
       '<DrawingSurfaceList>\n' + surface(S1, 'Web Shop', borders1, lines1) + surface(S2, 'Back Office', borders2, lines2) + '</DrawingSurfaceList>\n'
       '<MetaInformation><Assumptions>The cloud provider is trusted.</Assumptions><Contributors>Kim Poe</Contributors><ExternalDependencies/>'
       '<HighLevelSystemDescription>An online shop: customers order, a payment provider charges them.</HighLevelSystemDescription>'
       '<Owner>Alex Doe</Owner><Reviewer>Sam Roe</Reviewer><ThreatModelName>Web Shop</ThreatModelName></MetaInformation>\n'
       '<Notes><Note><AddedBy>Alex Doe</AddedBy><Id>1</Id><Message>Review again after the payment change.</Message></Note></Notes>\n'
       '<ThreatInstances xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays">\n' + threats + '</ThreatInstances>\n'
       '<ThreatGenerationEnabled>true</ThreatGenerationEnabled><Validations xmlns:a="http://schemas.datacontract.org/2004/07/ThreatModeling.KnowledgeBase"/><Version>4.3</Version>\n'
       + kb + '\n<Profile><PromptedKb xmlns=""/></Profile></ThreatModel>\n')
open(__import__('os').path.join(__import__('os').path.dirname(__import__('os').path.abspath(__file__)), 'web-shop.tm7'), 'w').write(doc)
