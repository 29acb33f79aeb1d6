"""Generator of the reducing-reoffending knowledge base.

The pipeline reads as load -> validate -> render -> write:
``yamlread`` reads files strictly, ``model`` is the one schema, ``validate``
checks records against it and the taxonomy, ``render`` turns the catalogue
into Markdown pages and data files, ``build`` writes them and runs MkDocs.
"""
