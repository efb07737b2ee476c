"""Import: the flow run backwards. An existing draft (.docx, .txt, .doc/.wps) → its paragraphs (`source`) →
recognized 公文 parts and heading levels (`recognize`) → drafter's document tree (`totree`), which the ordinary
renderers lay out (一键排版), or a case file whose outline holds the text (`tocase`), or fragments (`harvest`).
"""
