// Writes samples/country-names.csv: every ITU Member State's short name in each language of the product but
// English (English names are the ITU list's own, samples/itu-member-states.csv), from the Unicode CLDR
// (package cldr-localenames-full, Unicode licence). Run through scripts/country-names.sh, which installs
// the pinned package first. Administrators correct a name in the app (history kept); the seed only adds
// names that are missing, so a correction survives a re-seed.
import fs from 'node:fs';
import path from 'node:path';

const [cldrDir, membersCsv, outCsv] = process.argv.slice(2);
const languages = { fr: 'fr', ar: 'ar', es: 'es', ru: 'ru', 'zh-Hans': 'zh-Hans' };
const rows = fs.readFileSync(membersCsv, 'utf8').trim().split('\n').slice(1).map(l => l.split(','));
const quote = s => /[",\n]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
const out = ['iso3,language,name'];
const missing = [];
for (const [language, folder] of Object.entries(languages)) {
  const file = path.join(cldrDir, 'main', folder, 'territories.json');
  const territories = Object.values(JSON.parse(fs.readFileSync(file, 'utf8')).main)[0].localeDisplayNames.territories;
  for (const [iso3, iso2] of rows) {
    const name = territories[iso2];
    if (name) out.push([iso3, language, quote(name)].join(','));
    else missing.push(`${iso3}/${language}`);
  }
}
fs.writeFileSync(outCsv, out.join('\n') + '\n');
console.log(`${out.length - 1} names written to ${outCsv}` + (missing.length ? `; CLDR has none for ${missing.join(' ')}` : ''));
