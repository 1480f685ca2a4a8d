"""The content kinds beyond Pelican's posts and pages, one package each: topics, members,
meetings (events), the mailing list archive, projects. Each declares its kind in the model's
registry (plugins/model/kinds.py); they may import outputs, guard, model and compat."""
