#!/usr/bin/env python3
"""Writes the PDF peer benchmark's conversation: N OpenAI-format messages of about 600 characters of Markdown each
(paragraphs, two bullets with bold and inline code, a fenced code block in every tenth message), from a fixed seed.
Usage: generate.py [N=2000] > conv.json"""
import json, random, sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
rng = random.Random(42)
words = ("the export writes every message of the conversation into a document that people can read search and share "
         "retry policies back off exponentially with jitter so that clients do not hammer the server at once "
         "templates carry variables and versions while the realtime stream keeps dashboards current").split()

def sentence(k):
    s = " ".join(rng.choice(words) for _ in range(k))
    return s[0].upper() + s[1:] + "."

messages = []
for i in range(n):
    body = [sentence(20) + " " + sentence(16),
            f"- **{rng.choice(words)}** uses `{rng.choice(words)}()` as the default\n- then {sentence(8).lower()}",
            sentence(18) + " " + sentence(14)]
    if i % 10 == 9:
        body.append("```csharp\nvar exporter = services.GetRequiredService<IConversationExporter>();\nawait exporter.ExportAsync(conversation, options, stream);\n```")
    messages.append({"role": "user" if i % 2 == 0 else "assistant", "content": "\n\n".join(body)})
json.dump(messages, sys.stdout, indent=0)
