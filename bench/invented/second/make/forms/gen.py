import sys, importlib
sys.path.insert(0, '/work/review2/forms')
from gen_lib import write_all
mods = sys.argv[1:] or ['forms_a', 'forms_b', 'forms_c']
for m in mods:
    for spec in importlib.import_module(m).F:
        write_all(spec, '/work/review2/forms/out')
        print(spec['name'], spec.get('_rate'), spec.get('_total'))
