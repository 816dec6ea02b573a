"""Generate ``rules/vocab/onet.yml`` from the O*NET Technology Skills file.

Usage::

    python -m mlfit.tools.onet_vocab /work/shared/data/onet/technology_skills.txt rules/vocab/onet.yml

The O*NET file is tab-separated, one row per (occupation, technology):
``O*NET-SOC Code, Example, Commodity Code, Commodity Title, Hot Technology, In Demand``.
Only the technologies of the occupations in :data:`OCCUPATIONS` are kept.

Cleaning, in order, for each technology name (the ``Example`` column):

1. :data:`OVERRIDES` (exact name) wins: a replacement spec, or ``None`` to drop.
2. A trailing ``software`` / ``systems`` word is removed ("Alteryx software").
3. A trailing acronym that abbreviates the words before it becomes the label
   and the words become aliases ("Structured query language SQL" -> SQL,
   alias "Structured query language").
4. A leading vendor (:data:`VENDORS`) is removed for the label and the vendor
   form is kept as an alias ("Apache Kafka" -> Kafka, alias "Apache Kafka"),
   unless the rest is made only of ordinary English words ("Microsoft Word",
   "Oracle Enterprise Manager"), in which case the vendor form is the label and
   the bare rest is not emitted.
5. Descriptions of a kind of software rather than a product ("Backup and
   archival software") are dropped, except the practices in
   :data:`GENERIC_KEEP` ("Unit testing"); a one-word label that is an ordinary
   English word ("Chef", "Slack", "Scheme") is dropped; 1-2 character labels
   are dropped (the curated layer owns "C", "R", "Go" with their guards).

Then every candidate whose label or any alias collides (case-folded) with a
label or alias of ``curated.yml`` is skipped entirely: the curated layer wins.
Candidates that share a label are merged; an alias claimed by an earlier
entry is dropped from a later one. Output is sorted by id and byte-for-byte
reproducible.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

import yaml

OCCUPATIONS: dict[str, str] = {
    "15-1211.00": "Computer Systems Analysts",
    "15-1221.00": "Computer and Information Research Scientists",
    "15-1242.00": "Database Administrators",
    "15-1243.00": "Database Architects",
    "15-1244.00": "Network and Computer Systems Administrators",
    "15-1252.00": "Software Developers",
    "15-1299.08": "Computer Systems Engineers/Architects",
    "15-2041.00": "Statisticians",
    "15-2051.00": "Data Scientists",
}

ATTRIBUTION = (
    "This product includes information from the O*NET Database by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 license. "
    "O*NET\u00ae is a trademark of USDOL/ETA. USDOL/ETA has not approved, endorsed, or tested "
    "these modifications."
)

CATEGORIES = (
    "language", "ml_framework", "ml_library", "llm", "mlops", "serving", "data", "cloud",
    "database", "vector_db", "experimentation", "governance", "security", "devops",
    "analytics", "other",
)

COMMODITY_CATEGORY: dict[str, str] = {
    "Data base management system software": "database",
    "Data base user interface and query software": "database",
    "Object oriented data base management software": "database",
    "Data base reporting software": "analytics",
    "Analytical or scientific software": "analytics",
    "Business intelligence and data analysis software": "analytics",
    "Data mining software": "analytics",
    "Enterprise application integration software": "data",
    "Metadata management software": "data",
    "Procedure management software": "data",
    "Cloud-based management software": "cloud",
    "Cloud-based data access and sharing software": "cloud",
    "Operating system software": "devops",
    "Network operation system software": "devops",
    "Program testing software": "devops",
    "Application server software": "devops",
    "Configuration management software": "devops",
    "Network monitoring software": "devops",
    "Backup or archival software": "devops",
    "File versioning software": "devops",
    "Clustering software": "devops",
    "Storage networking software": "devops",
    "Administration software": "devops",
    "Enterprise system management software": "devops",
    "Transaction security and virus protection software": "security",
    "Network security or virtual private network VPN management software": "security",
    "Network security and virtual private network VPN equipment software": "security",
    "Authentication server software": "security",
    "Cloud-based protection or security software": "security",
}

# Names that are programming, query, markup or shell languages although their
# O*NET name does not say "language".
LANGUAGE_NAMES = frozenset({
    "Ada", "AWK", "Adobe ActionScript", "Apache Groovy", "Bigloo Scheme", "C shell", "Charm++",
    "DOS shell script", "Eiffel", "Formula translation/translator FORTRAN", "Gambit Scheme",
    "Haskell", "KornShell", "Kotlin", "Microsoft PowerShell", "Microsoft Visual Basic",
    "Microsoft Visual Basic Scripting Edition VBScript", "Microsoft Visual Basic for Applications VBA",
    "Microsoft Visual Basic.NET", "Microsoft Visual C# .NET", "Microsoft transact-structural query language T-SQL",
    "Modula", "Oberon", "Objective C", "Objective Caml", "Oracle PL/SQL", "Perl", "PHP", "Prolog",
    "Restructured extended executor REXX", "Smalltalk", "Transact-SQL", "UNIX Shell", "Verilog",
    "Beginner's all-purpose symbolic instruction code BASIC", "xQuery", "Perl shell",
})

VENDORS = (
    "Amazon Web Services AWS", "Amazon Web Services", "Amazon", "Apache", "Apple", "Atlassian",
    "Autodesk", "Adobe", "BMC Software", "CA Technologies", "Cisco Systems", "Cisco", "Citrix",
    "Cloudera", "Computer Associates", "Dassault Systemes", "Embarcadero Technologies", "Embarcadero",
    "Econometric Software", "Google", "GraphPad Software", "Hewlett Packard", "Hewlett-Packard", "HP",
    "IBM", "Informatica Corporation", "Informatica", "Intel", "JFrog", "LogMeIn", "MathWorks",
    "Micosoft", "Microsoft", "Muthen & Muthen", "National Instruments", "NCR", "Omni Group", "Oracle",
    "Pentaho", "Qlik Tech", "Quantitative Micro Software", "Quest", "Rapid-I", "Red Hat", "SAP",
    "Safe Software", "Salesforce", "Scientific Software International SSI", "Stat-Ease", "StatPoint",
    "StataCorp", "Statistical Solutions", "Sun Microsystems", "Symantec", "Systat Software", "Talend",
    "The MathWorks", "ToadSoft", "Trimble", "Visual Numerics", "Wind River", "Wolfram Research",
)

# Ordinary English words (lowercase). A label made only of these would match
# prose, so it is never emitted bare.
COMMON_WORDS = frozenset("""
a access accounting acquisition active adaptive address addressable advanced after aided air algorithmic
all-purpose analysis analytics analyzer and angular ant apex app application applications architect
architecture archival area assessment asset associates automated automatic automation availability
backup bamboo banner base based basic big bind blackboard blink boot bootstrap broker browser build
builder business calculator capacity capture cascading catalog cause central change chart checker chef
circuit clarity cloning cloud cluster clustering code coding collaborative command common community
compatibility compiler compilers component computational compute computer computers computing
concurrency condition configuration confluence connect connection content control converged conversion
core corporation cost creative crystal customer cut data database defect definition deployment
description design designer desk desktop detection developer development diagnostic diagnostics
diagramming dictionary director directory disaster discoverer disk distributed distribution docs
document documentation domain drive dynamic dynamics eclipse edge editing edition editor effects
electronic element embedded emerald emphasis encryption engine enterprise environment epic estimating
everest excel exchange executor expert express expressions extended extensible fabric facility fault
file filter final financials firewall firmware flask flat flex flow forecasting forge formula forth
foundation framework functional fund fusion gate generation generator geographic ghost go golden
graphical graphics green group guard help hierarchical honeypot host human i ice icon identity image
implementation incident index information installation installer instruction instruments integrated
integration integrator intelligence interaction interactive interface internet interoperability
interpreters interstate intrusion j job kernel kettle kit knowledge language learning libraries library
limited linear list load loader local log logical loom m machine make management manager manipulation
mapping marketing markup master math mathematical media medical meet message micro middleware migration
mill miner mining model modeler modeling monitoring multidimensional name national native navigation
net network networking node notation notebook notes now numerical object objective objects office on
one online open operating optical optimization optimizer option oriented outlook package pages parallel
parametric pascal pass password patch path pattern performance persistence personal pictures pig
pipeline pipelines planning platform plus portfolio power prediction prevention primitives prism
private pro probe procedure process processing productivity professional program programming project
protocol protocols publisher puppet query quest rails rapid razor react real real-time recovery redux
regression relational remote replication report reporting reports representation request requirements
research resource restructured river root rose routing ruby safe sample scalable scanning scheme
scientific script scripting secure security server service services sharing sheets shell shells shiny
shutdown simple simulation simulator single sites size slack slides snort social software solution
solutions source spark spring stack standards statistical statistics storage stress string structure
structured studio style stylesheet suite supervisory swift symbolic system systems tax team teams tech
technologies technology terminal test testing the through time tools tracing tracking traffic training
toad transformation transformations translation translator tuning twister unified unit update usability user
validation version video virtual virus visible visual visualization voice vulnerability warehouse web
wide wind windows wise with word workbench workforce zoom
""".split())

# Generic descriptions ("<practice> software") that are skills a CV lists.
GENERIC_KEEP = frozenset({
    "Compatibility testing", "Computational statistics", "Configuration management", "Data mapping",
    "Data mining", "Database design", "Database testing", "Dynamic analysis", "Functional testing",
    "Integration testing", "Load testing", "Mutation testing", "Regression testing",
    "Requirements management", "Root cause analysis", "Security testing", "Static analysis",
    "Stress testing", "Unit testing", "Usability testing", "Version control", "Business intelligence",
})

# Exact O*NET name -> None (drop) or a spec: label, optional aliases, optional category.
OVERRIDES: dict[str, dict | None] = {
    # junk, duplicates of curated concepts under another name, or not a skill
    "3M Post-it App": None,
    "ABC: the AspectBench Compiler for AspectJ": None,
    "Apache MXNet": None,  # curated
    "Blackbaud The Raiser's Edge": None,
    "Data Recovery Software SQL Server Data Recovery": None,
    "Delphi Technology": None,
    "Event-driven State-machines Programming": None,
    "Interstate connection ICON": None,
    "ICON programming language": None,
    "MUMPS M": {"label": "MUMPS", "category": "language"},
    "J": None,
    "Management information systems MIS": None,
    "Management information base MIB software": None,
    "Human resource management software HRMS": None,
    "Software asset management SAM software": None,
    "Social media sites": None,
    "Red Hat Ansible Engine": None,  # curated: ansible
    "Microsoft transact-structural query language T-SQL": {
        "label": "T-SQL", "aliases": ["Transact-SQL", "TSQL"], "category": "language"},
    "Transact-SQL": None,  # merged into T-SQL above
    "Berkeley Internet Domain Name BIND": {"label": "BIND DNS", "aliases": ["BIND9"]},
    "Beginner's all-purpose symbolic instruction code BASIC": {
        "label": "BASIC", "aliases": ["BASIC programming"], "case_sensitive": True, "category": "language"},
    "Oracle Application Express APEX": {"label": "Oracle APEX", "aliases": ["Oracle Application Express"]},
    "Oracle Real Application Cluster RAC": {"label": "Oracle RAC", "aliases": ["Oracle Real Application Clusters"]},
    "Oracle Golden Gate": {"label": "Oracle GoldenGate", "aliases": ["GoldenGate", "Oracle Golden Gate"]},
    "Oracle SQL Developer": {"label": "Oracle SQL Developer"},
    "BMC Software Recovery Manager RMAN": {"label": "RMAN", "aliases": ["Oracle RMAN"]},
    "NCSS Power Analysis and Sample Size PASS": {"label": "NCSS PASS", "aliases": ["NCSS Power Analysis and Sample Size"]},
    "ToadSoft Toad": {"label": "Toad for Oracle", "aliases": ["Quest Toad", "ToadSoft Toad"]},
    "Computer Associates integrated data management system CA-IDMS": None,  # CA IDMS stands for it
    "Microsoft Visual Basic": {"label": "Visual Basic", "aliases": ["Microsoft Visual Basic"], "category": "language"},
    "Microsoft Visual Studio": {"label": "Visual Studio", "aliases": ["Microsoft Visual Studio"], "category": "other"},
    "Apache HTTP Server": {"label": "Apache HTTP Server", "aliases": ["Apache httpd"]},
    "Red Hat Enterprise Linux": {"label": "Red Hat Enterprise Linux", "aliases": ["RHEL"]},
    "Cisco IOS": {"label": "Cisco IOS"},
    "Formula translation/translator FORTRAN": {"label": "Fortran", "category": "language"},
    "Common business oriented language COBOL": {"label": "COBOL", "category": "language"},
    "IBM SPSS Statistics": {"label": "SPSS", "aliases": ["IBM SPSS Statistics", "SPSS Statistics", "IBM SPSS"]},
    "SAS JMP": {"label": "JMP", "aliases": ["SAS JMP"], "case_sensitive": True},
    "SAS": None,  # curated
    "Microsoft Azure DevOps Services": {"label": "Azure DevOps", "aliases": ["Azure DevOps Services", "Microsoft Azure DevOps"]},
    "Microsoft Visual Studio.NET": None,  # same product as Visual Studio
    "Informatica software": None,  # Informatica PowerCenter stands for it
    "Jupyter software": None,
    "Geographic information system GIS systems": None,  # same as the GIS software row
    "Geographic information system GIS software": {"label": "GIS", "aliases": ["geographic information systems", "geographic information system"]},
    "ESRI ArcGIS software": {"label": "ArcGIS", "aliases": ["ESRI ArcGIS"]},
    "Embedded systems development software": {"label": "Embedded systems", "aliases": ["embedded software development"]},
    "Real time operating system RTOS software": {"label": "RTOS", "aliases": ["real-time operating system", "real time operating system"]},
    "Apache Subversion SVN": {"label": "Subversion", "aliases": ["SVN", "Apache Subversion"]},
    "Secure shell SSH software": {"label": "SSH", "aliases": ["secure shell"]},
    "Extensible markup language XML": {"label": "XML", "aliases": ["extensible markup language"], "category": "language"},
    "Hypertext markup language HTML": {"label": "HTML", "aliases": ["HTML5", "hypertext markup language"], "category": "language"},
    "Cascading style sheets CSS": {"label": "CSS", "aliases": ["CSS3", "cascading style sheets"], "category": "language"},
    "JavaScript Object Notation JSON": {"label": "JSON", "aliases": ["JavaScript Object Notation"], "category": "other"},
    "Open Graphics Library OpenGL": {"label": "OpenGL", "aliases": ["Open Graphics Library"]},
    "Google Looker Analytics": None,  # curated: looker
    "Microsoft SQL Server": None,  # curated: sql_server
    "Redgate SQL Server": {"label": "Redgate SQL Toolbelt", "aliases": ["Redgate SQL Server"]},
    "Micosoft SQL Server Analysis Services SSAS": {
        "label": "SSAS", "aliases": ["SQL Server Analysis Services", "Microsoft SQL Server Analysis Services"]},
    "Microsoft Visual C# .NET": None,  # curated: csharp
    "Microsoft .NET Framework": {"label": ".NET Framework", "aliases": [".NET", "Microsoft .NET", "dotnet"]},
    "Spring Framework": {"label": "Spring Framework", "aliases": ["Java Spring"]},
    "React Native": {"label": "React Native", "category": "other"},
    "React Redux": {"label": "Redux", "aliases": ["React Redux"], "case_sensitive": True},
    "Scientific Software International SSI Hierarchical Linear and Non-Linear Modeling HLM": {
        "label": "HLM", "aliases": ["Hierarchical Linear and Non-Linear Modeling"], "category": "analytics"},
    "Simulation program with integrated circuit emphasis SPICE": {"label": "SPICE circuit simulation", "aliases": ["SPICE simulation"]},
    "Hierarchical simulation program with integrated circuit emphasis HSPICE": {"label": "HSPICE"},
    "Bentley MicroStation": {"label": "MicroStation", "aliases": ["Bentley MicroStation"]},
    "Waikato Environment for Knowledge Analysis Weka": {"label": "Weka", "aliases": ["Waikato Environment for Knowledge Analysis"], "category": "ml_framework"},
    "Apache Mahout": {"label": "Apache Mahout", "aliases": ["Mahout"], "category": "ml_framework"},
    "Apache Solr": {"label": "Apache Solr", "aliases": ["Solr"], "category": "database"},
    "Apache Pig": {"label": "Apache Pig", "aliases": ["Pig Latin"], "category": "data"},
    "Apache Ant": {"label": "Apache Ant", "category": "devops"},
    "Apache Maven": {"label": "Maven", "aliases": ["Apache Maven"], "category": "devops"},
    "Gradle": {"label": "Gradle", "category": "devops"},
    "CMake": {"label": "CMake", "category": "devops"},
    "Apache Kafka": None, "Apache Airflow": None, "Apache Spark": None,  # curated (listed for clarity)
    "Apache Avro": {"label": "Apache Avro", "aliases": ["Avro"], "category": "data"},
    "Apache Sqoop": {"label": "Sqoop", "aliases": ["Apache Sqoop"], "category": "data"},
    "Apache Flume": {"label": "Flume", "aliases": ["Apache Flume"], "category": "data"},
    "Apache Oozie": {"label": "Oozie", "aliases": ["Apache Oozie"], "category": "data"},
    "Apache HBase": {"label": "HBase", "aliases": ["Apache HBase"], "category": "database"},
    "Apache Tomcat": {"label": "Tomcat", "aliases": ["Apache Tomcat"], "category": "devops"},
    "Cloudera Impala": {"label": "Impala", "aliases": ["Cloudera Impala", "Apache Impala"], "case_sensitive": True, "category": "data"},
    "Pentaho Kettle": {"label": "Pentaho Data Integration", "aliases": ["Pentaho Kettle", "Pentaho"], "category": "data"},
    "Talend Open Studio": {"label": "Talend", "aliases": ["Talend Open Studio"], "category": "data"},
    "Informatica PowerCenter": {"label": "Informatica PowerCenter", "aliases": ["PowerCenter", "Informatica", "Informatica Corporation PowerCenter"], "category": "data"},
    "Informatica Corporation PowerCenter": None,
    "Amazon Kinesis": None, "Amazon Redshift": None, "Amazon DynamoDB": None,  # curated
    "Splunk Enterprise": {"label": "Splunk", "aliases": ["Splunk Enterprise"], "category": "devops"},
    "Atlassian JIRA": {"label": "Jira", "aliases": ["Atlassian JIRA", "Atlassian Jira"], "category": "other"},
    "Atlassian Confluence": {"label": "Confluence", "aliases": ["Atlassian Confluence"], "case_sensitive": True, "category": "other"},
    "Atlassian Bamboo": {"label": "Atlassian Bamboo", "category": "devops"},
    "Atlassian Bitbucket": {"label": "Bitbucket", "aliases": ["Atlassian Bitbucket"], "category": "devops"},
    "Git": {"label": "Git", "category": "devops", "case_sensitive": True},
    "GitHub": {"label": "GitHub", "category": "devops"},
    "GitLab": {"label": "GitLab", "category": "devops"},
    "Selenium": {"label": "Selenium", "category": "devops"},
    "Chef": {"label": "Chef", "aliases": ["Chef Infra", "Progress Chef"], "case_sensitive": True, "context": "list", "category": "devops"},
    "Puppet": {"label": "Puppet", "aliases": ["Puppet Enterprise"], "case_sensitive": True, "context": "list", "category": "devops"},
    "Oracle Java": None, "Sun Microsystems Java": None,  # curated: java
    "RabbitMQ": {"label": "RabbitMQ", "category": "data"},
    "IBM WebSphere MQ": {"label": "IBM MQ", "aliases": ["IBM WebSphere MQ", "WebSphere MQ"], "category": "data"},
    "Neo4j": None, "NoSQL": None,  # curated
    "Couchbase Server": {"label": "Couchbase", "aliases": ["Couchbase Server"], "category": "database"},
    "Greenplum Database": {"label": "Greenplum", "aliases": ["Greenplum Database"], "category": "database"},
    "Teradata Database": {"label": "Teradata", "aliases": ["Teradata Database"], "category": "database"},
    "IBM DB2": {"label": "IBM Db2", "aliases": ["DB2", "Db2"], "category": "database"},
    "Microsoft Access": {"label": "Microsoft Access", "aliases": ["MS Access"], "category": "database"},
    "Microsoft Word": {"label": "Microsoft Word", "aliases": ["MS Word"], "category": "other"},
    "Microsoft PowerPoint": {"label": "PowerPoint", "aliases": ["Microsoft PowerPoint", "MS PowerPoint"], "category": "other"},
    "Microsoft Office software": {"label": "Microsoft Office", "aliases": ["MS Office", "Microsoft 365", "Office 365"], "category": "other"},
    "Microsoft Project": {"label": "Microsoft Project", "aliases": ["MS Project"], "category": "other"},
    "Microsoft Visio": {"label": "Visio", "aliases": ["Microsoft Visio", "MS Visio"], "category": "other"},
    "Microsoft Power BI": None,  # curated
    "Microsoft Excel": None,  # curated (case-sensitive Excel)
    "Tableau": None, "Python": None, "R": None, "C": None, "Go": None,  # curated
    "Node.js": {"label": "Node.js", "aliases": ["NodeJS", "Node JS"], "category": "other"},
    "Shiny": {"label": "R Shiny", "aliases": ["RShiny"], "category": "analytics"},
    "Ruby": None,  # curated
    "Swift": None, "Julia": None, "Scala": None, "Bash": None,  # curated
    "Unified modeling language UML": {"label": "UML", "aliases": ["unified modeling language"], "category": "other"},
    "Microsoft PowerShell": {"label": "PowerShell", "aliases": ["Microsoft PowerShell"], "category": "language"},
    "UNIX": {"label": "Unix", "aliases": ["UNIX"], "category": "devops"},
    "UNIX Shell": {"label": "Unix shell", "aliases": ["UNIX shell scripting"], "category": "language"},
    "Shell script": None,  # curated: bash (shell scripting)
    "C shell": {"label": "C shell", "aliases": ["csh", "tcsh"], "category": "language"},
    "Relational database management system software": {
        "label": "Relational databases", "aliases": ["RDBMS", "relational database", "relational database management systems"],
        "category": "database"},
    "Relational database management software": None,
    "DOS shell script": None,
    "Disk operating system DOS": {"label": "MS-DOS", "aliases": ["DOS"], "case_sensitive": True, "category": "devops"},
    "Win CE": {"label": "Windows CE", "aliases": ["Win CE"], "category": "devops"},
    "Microsoft Windows XP": None,
    "Dartware InterMapper": {"label": "InterMapper", "aliases": ["Dartware InterMapper"]},
    "MapReduce big data software": None,  # curated: hadoop
    "MapR Converged Data Platform": {"label": "MapR", "aliases": ["MapR Converged Data Platform"], "category": "data"},
    "Mlflow": None, "Kubeflow": None, "Keras": None, "TensorFlow": None, "PyTorch": None,  # curated
    "XGBoost": None, "Scikit-learn": None, "SciPy": None, "NumPy": None, "pandas": None,  # curated
    "spaCy": None, "PySpark": None, "BigQuery": None, "Docker": None, "Kubernetes": None,  # curated
    "Elasticsearch": None, "Redis": None, "MongoDB": None, "MySQL": None, "PostgreSQL": None,  # curated
    "Linux": None, "TypeScript": None, "Kotlin": None, "Haskell": None, "Perl": None, "PHP": None,  # curated
    "Verilog": None, "Flask": None, "GraphQL": None, "RESTful API": None,  # curated
    "Microservices Architecture": None, "Jenkins CI": None, "IBM Terraform": None,  # curated
    "OpenAI ChatGPT": None, "Amazon Web Services AWS SageMaker": None,  # curated
    "Amazon Web Services AWS software": None, "Google Cloud software": None,  # curated
    "Microsoft Azure software": None, "Amazon Elastic Compute Cloud EC2": None,  # curated
    "Amazon Simple Storage Service S3": None, "Amazon Redshift ": None,  # curated
    "The MathWorks MATLAB": None, "MathWorks Simulink": None, "Ansible software": None,  # curated
    "Apache Hadoop": None, "Apache Hive": None, "Apache Cassandra": None,  # curated
    "Structured query language SQL": None,  # curated
    "American National Standards Institute ANSI C": None,  # curated: c (alias ANSI C)
    "Jupyter Notebook": None,  # curated: jupyter
    "Microsoft SharePoint": {"label": "SharePoint", "aliases": ["Microsoft SharePoint"], "category": "other"},
    "IBM Notes": {"label": "IBM Notes", "aliases": ["Lotus Notes"], "category": "other"},
    "Google Android": {"label": "Android", "aliases": ["Google Android", "Android SDK"], "category": "other"},
    "Google Angular": {"label": "Angular", "aliases": ["AngularJS", "Google Angular"], "case_sensitive": True, "category": "other"},
    "Apple iOS": {"label": "iOS", "aliases": ["Apple iOS"], "case_sensitive": True, "category": "other"},
    "Apple macOS": {"label": "macOS", "aliases": ["Apple macOS", "Mac OS X", "OS X"], "category": "devops"},
    "Xcode": {"label": "Xcode", "category": "other"},
    "Figma": {"label": "Figma", "category": "other"},
    "Bootstrap": None,  # CSS framework; "bootstrap" is also a statistics method and a verb
    "Scheme": None, "Forth": None, "Blink": None, "Slack": None, "Zoom": None, "Loom": None,
    "Pascal": {"label": "Pascal", "aliases": ["Object Pascal"], "case_sensitive": True, "context": "list", "category": "language"},
    "Ada": {"label": "Ada", "aliases": ["Ada programming language"], "case_sensitive": True, "context": "list", "category": "language"},
    "Greenhills Ada compilers": None,
    "Snort": {"label": "Snort", "aliases": ["Snort IDS"], "case_sensitive": True, "category": "security"},
    "Honeypot": None,
    "Ethereal": None,  # old name of Wireshark
    "Canu": None, "Augmint": None, "Eko": None, "Rapide": None, "InScribe": None, "HyperSpace": None,
    "Visible Razor": None, "ParentSquare": None, "Nearpod": None, "Flipgrid": None, "Screencastify": None,
    "JamBoard": None, "GroupMe": None, "YouTube": None, "LinkedIn": None, "FaceTime": None, "Skype": None,
    "Evernote": None, "Dropbox": None, "Basecamp": None, "Moodle": None, "Blackboard software": None,
    "Tax software": None, "Fund accounting software": None, "Medical condition coding software": None,
    "Medical procedure coding software": None, "MEDITECH software": None, "Epic Systems": None,
    "Healthcare common procedure coding system HCPCS": None, "Slido interaction software": None,
    "Magellan Firmware": None, "Mac HelpMate": None, "Emerald Software Group Emerald Green Office": None,
    "IEA Software Emerald": None, "Polhemus Fasttrack System": None, "Computer based training software": None,
    "Microsoft ESP SDK": None, "Multisensory data representation software": None,
    "Online traffic calculator software": None, "Rice Simulator for ILP Multiprocessors RSIM": None,
    "Structure prediction software": None, "Time sharing option TSO software": None,
    "Call-processing language CPL": None, "ABC Compiler": None, "Clustermatic": None,
    "Interface Computers Data Loader": None, "Camfit Data Limited Microfit": None,
    "Local area network LAN software": None, "Wide area network WAN software": None,
    "Platform as a service PaaS": None, "Software as a service SaaS": None,
    "Domain name system DNS": {"label": "DNS", "aliases": ["domain name system"], "category": "devops"},
    "Dynamic host configuration protocol DHCP": {"label": "DHCP", "aliases": ["dynamic host configuration protocol"], "category": "devops"},
    "Single sign-on SSO": {"label": "SSO", "aliases": ["single sign-on"], "category": "security"},
    "Virtual private networking VPN software": {"label": "VPN", "aliases": ["virtual private network", "virtual private networking"], "category": "security"},
    "Intrusion detection system IDS": {"label": "Intrusion detection systems", "aliases": ["intrusion detection system", "IDS/IPS"], "category": "security"},
    "Intrusion prevention system IPS": {"label": "Intrusion prevention systems", "aliases": ["intrusion prevention system"], "category": "security"},
    "Network intrusion prevention systems NIPS": None,
    "Active directory software": None,  # Microsoft Active Directory stands for it
    "Microsoft Active Directory": {"label": "Active Directory", "aliases": ["Microsoft Active Directory"], "case_sensitive": True, "category": "security"},
    "Encryption software": {"label": "Encryption", "aliases": ["data encryption"], "case_sensitive": True, "context": "list", "category": "security"},
    "Firewall software": {"label": "Firewalls", "aliases": ["firewall configuration"], "category": "security"},
    "Version control software": {"label": "Version control", "category": "devops"},
    "Statistical software": None, "Mathematical software": None, "Simulation software": None,
    "Optimization software": None,  # curated: optimization
    "Clustering software": None, "Data mining software": {"label": "Data mining", "category": "analytics"},
    "Data visualization software": None, "Data analysis software": None, "Data modeling software": None,  # curated
    "Business intelligence software": {"label": "Business intelligence", "aliases": ["BI reporting"], "category": "analytics"},
    "Business intelligence system software": None,
    "Microsoft Internet Information Services (IIS)": {"label": "IIS", "aliases": ["Microsoft IIS", "Internet Information Services"], "category": "devops"},
    "Microsoft Dynamics GP": None,
    "Oracle PeopleSoft Financials": None,
    "Oracle Enterprise Manager Cloud Control": None,
    "Sun Microsystems Java Persistence API": {"label": "JPA", "aliases": ["Java Persistence API"], "category": "other"},
    "Sun Microsystems Sun ONE": None,
    "Enterprise JavaBeans": {"label": "Enterprise JavaBeans", "aliases": ["EJB"], "category": "other"},
    "Hibernate ORM": {"label": "Hibernate", "aliases": ["Hibernate ORM"], "category": "other"},
    "LAMP Stack": {"label": "LAMP stack", "category": "other"},
    "Low-level virtual machine LLVM compilers": {"label": "LLVM", "aliases": ["LLVM compiler"], "category": "other"},
    "Polaris parallelizing compilers": None,
    "Intel Math Kernel Library": {"label": "Intel MKL", "aliases": ["Intel Math Kernel Library", "oneMKL"], "category": "ml_library"},
    "Intel Integrated Performance Primitives": {"label": "Intel IPP", "aliases": ["Intel Integrated Performance Primitives"], "category": "ml_library"},
    "Intel Data Migration Software": None,
    "High-performance software libraries": None, "Software libraries": None, "Software development tools": None,
    "Integrated development environment IDE software": None,
    "Graphical user interface GUI builder software": None, "Graphical user interface GUI design software": None,
    "Data definition language DDL": {"label": "DDL", "aliases": ["data definition language"], "category": "database"},
    "Data manipulation language DML": {"label": "DML", "aliases": ["data manipulation language"], "category": "database"},
    "Data transformation services DTS software": None,
    "Object database management system ODBMS": None,
    "Component object model COM software": None,
    "Distributed component object model DCOM software": None,
    "Storage area network SAN software": None,
    "Network addressable storage NAS software": None,
    "Multi-router traffic grapher MRTG software": {"label": "MRTG", "aliases": ["Multi Router Traffic Grapher"], "category": "devops"},
    "Simple network management protocol SNMP software": {"label": "SNMP", "aliases": ["simple network management protocol"], "category": "devops"},
    "Voice over internet protocol VoIP system software": None,
    "Open source routing protocols OSPF": {"label": "OSPF", "category": "devops"},
    "Supervisory control and data acquisition SCADA software": {"label": "SCADA", "aliases": ["supervisory control and data acquisition"], "category": "other"},
    "Computer aided design and drafting CADD software": None,
    "Electronic design automation EDA software": {"label": "Electronic design automation", "aliases": ["EDA tools"], "category": "other"},
    "Enterprise application integration EAI software": None,
    "Enterprise resource planning ERP software": {"label": "ERP systems", "aliases": ["enterprise resource planning"], "category": "other"},
    "Source code management SCM software": None,
    "Virtual network computing VNC software": None,
    "Web service definition language WDSL": {"label": "WSDL", "aliases": ["Web Services Description Language"], "category": "other"},
    "Interface definition language IDL": None,  # clashes with IDL the analysis language
    "Architecture description language ADL": None,
    "Infobright Community Edition ICE": None,
    "Collaborative Application Markup Language CAML": None,
    "Component-based Scalable Logical Architecture CSLA": None,
    "Computer On-line Real-time Applications Language CORAL 66": {"label": "CORAL 66", "category": "language"},
    "A programming language APL": {"label": "APL", "aliases": ["A Programming Language"], "case_sensitive": True, "category": "language"},
    "Document Object Model DOM Scripting": {"label": "DOM scripting", "aliases": ["Document Object Model"], "category": "other"},
    "Structured Query Report SQR": {"label": "SQR", "aliases": ["Structured Query Report"], "category": "database"},
    "Multidimensional Expressions MDX": {"label": "MDX", "aliases": ["Multidimensional Expressions"], "case_sensitive": True, "category": "database"},
    "Job control language JCL": {"label": "JCL", "aliases": ["job control language"], "category": "language"},
    "Customer information control system CICS": {"label": "CICS", "aliases": ["Customer Information Control System"], "category": "other"},
    "Programming language one PL/I": {"label": "PL/I", "aliases": ["PL/1"], "category": "language"},
    "Algorithmic language ALGOL": {"label": "ALGOL", "category": "language"},
    "List processing language LISP": {"label": "Lisp", "aliases": ["Common Lisp"], "category": "language"},
    "Common Lisp Object System CLOS": None,
    "String oriented symbolic language SNOBOL": {"label": "SNOBOL", "category": "language"},
    "XML Path Language XPATH": {"label": "XPath", "aliases": ["XML Path Language"], "category": "language"},
    "Extensible stylesheet language transformations XSLT": {"label": "XSLT", "category": "language"},
    "Extensible hypertext markup language XHTML": {"label": "XHTML", "category": "language"},
    "Dynamic hypertext markup language DHTML": {"label": "DHTML", "category": "language"},
    "Advanced business application programming ABAP": {"label": "ABAP", "aliases": ["SAP ABAP"], "category": "language"},
    "Restructured extended executor REXX": {"label": "REXX", "category": "language"},
    "Simple API for XML SAX": None,
    "E++ pattern language": None,
    "IBM Interactive System Productivity Facility ISPF": {"label": "ISPF", "category": "devops"},
    "IBM z/OS operating systems": {"label": "z/OS", "aliases": ["IBM z/OS"], "category": "devops"},
    "Hewlett Packard HP-UX": {"label": "HP-UX", "category": "devops"},
    "VME PowerPC VxWorks": None,  # Wind River VxWorks stands for it
    "Wind River VxWorks": {"label": "VxWorks", "aliases": ["Wind River VxWorks"], "category": "other"},
    "Objective C": {"label": "Objective-C", "aliases": ["Objective C", "ObjC"], "category": "language"},
    "Objective Caml": {"label": "OCaml", "aliases": ["Objective Caml"], "category": "language"},
    "Microsoft Visual Basic for Applications VBA": {"label": "VBA", "aliases": ["Visual Basic for Applications", "Excel VBA"], "category": "language"},
    "Microsoft Visual Basic Scripting Edition VBScript": {"label": "VBScript", "category": "language"},
    "Microsoft Visual Basic.NET": {"label": "VB.NET", "aliases": ["Visual Basic .NET", "Visual Basic.NET"], "category": "language"},
    "Microsoft ASP.NET Core MVC": {"label": "ASP.NET Core", "aliases": ["ASP.NET Core MVC", "ASP.NET MVC"], "category": "other"},
    "Microsoft Active Server Pages ASP": {"label": "Classic ASP", "aliases": ["Active Server Pages"], "category": "other"},
    "Microsoft SQL Server Integration Services SSIS": {"label": "SSIS", "aliases": ["SQL Server Integration Services"], "category": "data"},
    "Microsoft SQL Server Reporting Services SSRS": {"label": "SSRS", "aliases": ["SQL Server Reporting Services"], "category": "analytics"},
    "Microsoft Team Foundation Server": {"label": "Team Foundation Server", "aliases": ["TFS", "Microsoft Team Foundation Server"], "category": "devops"},
    "Microsoft Windows Server": {"label": "Windows Server", "aliases": ["Microsoft Windows Server"], "category": "devops"},
    "Microsoft Windows": {"label": "Microsoft Windows", "aliases": ["MS Windows"], "category": "devops"},
    "Amazon Data Pipeline": {"label": "AWS Data Pipeline", "aliases": ["Amazon Data Pipeline"], "category": "data"},
    "Ab Initio": {"label": "Ab Initio", "category": "data"},
    "Apache Struts": {"label": "Apache Struts", "aliases": ["Struts"], "category": "other"},
    "Apache Groovy": {"label": "Groovy", "aliases": ["Apache Groovy"], "case_sensitive": True, "category": "language"},
    "Eclipse Jersey": {"label": "Jersey", "aliases": ["Eclipse Jersey"], "case_sensitive": True, "context": "list", "category": "other"},
    "Ruby on Rails": {"label": "Ruby on Rails", "aliases": ["Rails"], "case_sensitive": True, "category": "other"},
    "Spring Boot": {"label": "Spring Boot", "category": "other"},
    "Vue.js": {"label": "Vue.js", "aliases": ["VueJS", "Vue"], "case_sensitive": True, "category": "other"},
    "React": None,  # curated
    "Django": {"label": "Django", "category": "other"},
    "jQuery": {"label": "jQuery", "category": "other"},
    "Backbone.js": {"label": "Backbone.js", "category": "other"},
    "Ext JS": {"label": "Ext JS", "aliases": ["ExtJS", "Sencha Ext JS"], "category": "other"},
    "AJAX": {"label": "AJAX", "category": "other"},
    "Minitab": {"label": "Minitab", "category": "analytics"},
    "STATISTICA": {"label": "STATISTICA", "aliases": ["TIBCO Statistica"], "category": "analytics"},
    "RAT-STATS": None,
    "SuperANOVA": None,
    "XGobi": None,
    "XLISP-STAT": None,
    "UNISTAT Statistical Package": None,
    "GNU Image Manipulation Program GIMP": {"label": "GIMP", "category": "other"},
    "SmugMug Flickr": None,
    "Omni Group OmniGraffle": {"label": "OmniGraffle", "category": "other"},
    "Diagramming software": None, "Flow chart software": None,
    "Microsoft Windows Sysprep": None,
    "Microsoft Windows Terminal Services Access Manager": None,
    "LogMeIn GoToMeeting": None, "LogMeIn GoToWebinar": None, "Google Meet": None, "Cisco Webex": None,
    "Microsoft Teams": None, "Google Gmail": None, "Microsoft Outlook": None, "Microsoft Exchange": None,
    "Microsoft OneNote": None, "Google Docs": None, "Google Sheets": None, "Google Slides": None,
    "Google Sites": None, "Google Drive": None, "Microsoft Publisher": None, "Adobe Acrobat": None,
    "IBM Lotus SameTime": None, "IBM Domino": None,
    "Google Ads": None, "Marketo Marketing Automation": None, "Oracle Eloqua": None,
    "ADP Workforce Now": None, "Oracle Taleo": None, "Oracle Learning Management": None,
    "Ellucian Banner ERP": None,
    "Adobe Creative Cloud software": None,
    "Adobe After Effects": None, "Apple Final Cut Pro": None, "Adobe FrameMaker": None, "Adobe InDesign": None,
    "Trimble SketchUp Pro": None,
    "OpenService Open NerveCenter": None,
    "Citrix cloud computing software": None,
}

_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9+/.\-]*$")
_TRAILING_GENERIC = ("software", "systems", "system software")


def _clean_spaces(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _key(s: str) -> str:
    return _clean_spaces(s).casefold()


def make_id(label: str) -> str:
    s = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    s = s.replace("++", "pp").replace("#", "sharp").replace("+", "plus").replace("&", "and")
    s = s.lower()
    if s.startswith("."):
        s = "dot" + s[1:]
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")
    return s or "x"


def _is_acronym_of(acr: str, words: list[str]) -> bool:
    """Loose check that ``acr`` abbreviates ``words``: its letters, in order, are a
    subsequence of theirs and its first letter starts one of the words."""
    letters = [c for c in acr.lower() if c.isalpha()]
    if len(letters) < 2 or sum(c.isupper() for c in acr) < 2:
        return False
    text = "".join(w.lower() for w in words)
    if letters[0] not in {w[0].lower() for w in words if w}:
        return False
    pos = 0
    for c in letters:
        pos = text.find(c, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _strip_vendor(name: str) -> tuple[str, str]:
    """Return (vendor, rest); vendor is '' when none matches."""
    for v in sorted(VENDORS, key=len, reverse=True):
        if name.startswith(v + " ") and len(name) > len(v) + 1:
            return v, name[len(v) + 1:]
    return "", name


def _all_common(text: str) -> bool:
    words = [w for w in re.split(r"[\s/]+", text.lower()) if w]
    return bool(words) and all(w in COMMON_WORDS for w in words)


def _is_sentence_case_description(text: str) -> bool:
    words = text.split()
    return len(words) >= 2 and all(not w[0].isupper() for w in words[1:] if w[0].isalpha())


def _category(name: str, titles: set[str]) -> str:
    if name in LANGUAGE_NAMES or re.search(r"\blanguage\b", name, re.I):
        return "language"
    cats = sorted({COMMODITY_CATEGORY.get(t, "other") for t in titles}, key=CATEGORIES.index)
    return cats[0] if cats else "other"


def clean_name(name: str, titles: set[str]) -> dict | None:
    """Turn one O*NET technology name into a candidate entry, or None to skip it."""
    if name in OVERRIDES:
        spec = OVERRIDES[name]
        if spec is None:
            return None
        out = {"label": spec["label"], "aliases": list(spec.get("aliases", [])),
               "category": spec.get("category") or _category(name, titles)}
        for flag in ("case_sensitive", "context"):
            if flag in spec:
                out[flag] = spec[flag]
        if (_key(name) != _key(out["label"]) and _key(name) not in {_key(a) for a in out["aliases"]}
                and not re.search(r"\bsoftware\b", name) and not _all_common(name)):
            out["aliases"].append(name)
        return out

    category = _category(name, titles)
    base = _clean_spaces(name)
    for suffix in _TRAILING_GENERIC:
        if base.endswith(" " + suffix):
            base = base[: -len(suffix) - 1]
            break
    aliases: list[str] = []
    words = base.split()

    # "Structured query language SQL" -> SQL
    if len(words) >= 2 and _ACRONYM.match(words[-1]):
        vendor, rest = _strip_vendor(" ".join(words[:-1]))
        exp_words = rest.split() if rest else words[:-1]
        if _is_acronym_of(words[-1], exp_words):
            label = words[-1]
            expansion = " ".join(exp_words)
            aliases = [expansion]
            if vendor:
                aliases.append(f"{vendor} {expansion}")
            return _finish(label, aliases, category)

    vendor, rest = _strip_vendor(base)
    if vendor:
        if _all_common(rest) or len(rest) <= 2:
            return _finish(base, [], category)
        return _finish(rest, [base], category)

    if _is_sentence_case_description(base):
        if base in GENERIC_KEEP:
            return _finish(base, [], category)
        return None
    if len(words) == 1 and (base.lower() in COMMON_WORDS or len(base) <= 2):
        return None
    if name.endswith(" software") and _all_common(base):
        return None
    return _finish(base, [], category)


def _finish(label: str, aliases: list[str], category: str) -> dict | None:
    if len(label) <= 2:
        return None
    out: dict = {"label": label, "aliases": aliases, "category": category}
    if label.isupper() and label.lower() in COMMON_WORDS:
        out["case_sensitive"] = True  # an acronym that is also a word ("PASS", "BIND")
    return out


def read_onet(path: Path) -> dict[str, set[str]]:
    """name -> commodity titles, for the selected occupations."""
    out: dict[str, set[str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        for row in reader:
            if row["O*NET-SOC Code"] in OCCUPATIONS:
                out.setdefault(row["Example"].strip(), set()).add(row["Commodity Title"].strip())
    return out


def load_curated(path: Path) -> tuple[set[str], set[str]]:
    """(ids, case-folded labels and aliases) of the curated vocabulary."""
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=yaml.CSafeLoader)
    ids: set[str] = set()
    keys: set[str] = set()
    for entry in data["skills"]:
        ids.add(entry["id"])
        keys.add(_key(entry["label"]))
        keys.update(_key(a) for a in entry.get("aliases", []))
    return ids, keys


def build(onet_path: Path, curated_path: Path) -> list[dict]:
    curated_ids, curated_keys = load_curated(curated_path)
    names = read_onet(onet_path)

    entries: list[dict] = []
    owner: dict[str, dict] = {}  # case-folded label/alias -> entry
    for name in sorted(names):
        cand = clean_name(name, names[name])
        if cand is None:
            continue
        # dedupe aliases within the candidate; the label is never repeated
        seen = {_key(cand["label"])}
        cand_aliases = []
        for a in cand["aliases"]:
            a = _clean_spaces(a)
            if _key(a) not in seen:
                seen.add(_key(a))
                cand_aliases.append(a)
        cand["aliases"] = cand_aliases
        if seen & curated_keys or make_id(cand["label"]) in curated_ids:
            continue  # the curated layer wins
        target = owner.get(_key(cand["label"]))
        if target is None:
            target = cand
            target["aliases"] = []
            entries.append(target)
            owner[_key(cand["label"])] = target
        for a in cand_aliases:
            k = _key(a)
            if k in owner:
                continue
            if len(a) <= 2 and not (target.get("case_sensitive") or target.get("context") == "list"):
                continue
            owner[k] = target
            target["aliases"].append(a)

    used_ids = set(curated_ids)
    for e in sorted(entries, key=lambda e: (make_id(e["label"]), e["label"])):
        base = make_id(e["label"])
        eid, n = base, 2
        while eid in used_ids:
            eid, n = f"{base}_{n}", n + 1
        used_ids.add(eid)
        e["id"] = eid
    return sorted(entries, key=lambda e: e["id"])


def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def render(entries: list[dict]) -> str:
    lines = [
        "# GENERATED FILE - do not edit by hand.",
        "# Regenerate: python -m mlfit.tools.onet_vocab <O*NET technology_skills.txt> rules/vocab/onet.yml",
        "#",
        "# Source: O*NET Technology Skills (technology_skills.txt), technologies of these occupations:",
    ]
    lines += [f"#   {code} {title}" for code, title in sorted(OCCUPATIONS.items())]
    lines += [
        "# Names are cleaned into display labels (vendor prefixes and trailing 'software' removed,",
        "# acronyms promoted); entries that collide with rules/vocab/curated.yml are left out",
        "# (curated wins); ordinary English words are never emitted as bare labels.",
        "#",
        "# " + ATTRIBUTION,
        "schema: 1",
        "source: onet",
        f"attribution: {_q(ATTRIBUTION)}",
        "skills:",
    ]
    for e in entries:
        parts = [f"id: {e['id']}", f"label: {_q(e['label'])}", f"category: {e['category']}"]
        if e["aliases"]:
            parts.append("aliases: [" + ", ".join(_q(a) for a in e["aliases"]) + "]")
        if e.get("case_sensitive"):
            parts.append("case_sensitive: true")
        if e.get("context"):
            parts.append(f"context: {e['context']}")
        lines.append("  - {" + ", ".join(parts) + "}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m mlfit.tools.onet_vocab", description=__doc__.splitlines()[0])
    ap.add_argument("onet_file", type=Path, help="O*NET technology_skills.txt (tab-separated)")
    ap.add_argument("output", type=Path, help="where to write onet.yml")
    ap.add_argument("--curated", type=Path, default=None,
                    help="curated.yml to dedupe against (default: curated.yml beside the output)")
    args = ap.parse_args(argv)
    curated = args.curated or args.output.parent / "curated.yml"
    entries = build(args.onet_file, curated)
    text = render(entries)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    print(f"wrote {len(entries)} skills to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
