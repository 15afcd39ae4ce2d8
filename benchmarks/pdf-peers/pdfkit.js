// The pdfkit peer: lays out an OpenAI-format conversation's Markdown (paragraphs with bold and inline code, bullets,
// fenced code) with pdfkit 0.20 and the same DejaVu fonts AssistantKit bundles, A4, 48 pt margins, 10 pt body text.
// Usage: node pdfkit.js conv.json out.pdf FONT_DIRECTORY
const fs = require('fs');
const PDFDocument = require('pdfkit');
const { marked } = require('marked');

const [input, output, fonts] = process.argv.slice(2);
const messages = JSON.parse(fs.readFileSync(input, 'utf8'));
const doc = new PDFDocument({ size: 'A4', margin: 48 });
doc.pipe(fs.createWriteStream(output));
doc.registerFont('body', `${fonts}/DejaVuSans.ttf`);
doc.registerFont('bold', `${fonts}/DejaVuSans-Bold.ttf`);
doc.registerFont('mono', `${fonts}/DejaVuSansMono.ttf`);
const width = doc.page.width - 96;

function inline(tokens, options) {
  tokens.forEach((token, i) => {
    const last = i === tokens.length - 1;
    const font = token.type === 'strong' ? 'bold' : token.type === 'codespan' ? 'mono' : 'body';
    const text = token.type === 'strong' ? token.text : token.type === 'codespan' ? token.text : token.raw;
    doc.font(font).fontSize(font === 'mono' ? 9.2 : 10).text(text, { ...options, continued: !last });
  });
}

doc.font('bold').fontSize(19).text('Conversation');
messages.forEach((message, index) => {
  doc.moveDown(0.8).font('bold').fontSize(10).fillColor(message.role === 'user' ? '#2563eb' : '#16a34a')
    .text(`${message.role === 'user' ? 'User' : 'Assistant'} · message ${index + 1}`).fillColor('black');
  for (const token of marked.lexer(message.content)) {
    doc.moveDown(0.3);
    if (token.type === 'paragraph') {
      inline(token.tokens, { width, lineGap: 3 });
    } else if (token.type === 'list') {
      for (const item of token.items) {
        const y = doc.y;
        doc.font('body').fontSize(10).text('•', 64, y, { lineBreak: false });
        doc.x = 76;
        doc.y = y;
        inline(item.tokens[0].tokens ?? item.tokens, { width: width - 28, lineGap: 3 });
        doc.x = 48;
      }
    } else if (token.type === 'code') {
      const top = doc.y;
      const height = doc.font('mono').fontSize(9).heightOfString(token.text, { width: width - 10 }) + 10;
      doc.rect(48, top, width, height).fill('#f3f4f6').fillColor('black');
      doc.font('mono').fontSize(9).text(token.text, 53, top + 5, { width: width - 10 });
      doc.x = 48;
      doc.y = top + height;
    }
  }
});
doc.end();
