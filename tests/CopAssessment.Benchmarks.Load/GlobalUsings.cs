// The namespaces most files of this project use, declared once (the SDK adds System, System.Linq and the like).
global using System.Diagnostics;
global using System.Text.RegularExpressions;
