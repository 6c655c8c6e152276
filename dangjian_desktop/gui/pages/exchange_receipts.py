"""What an import did, one card per file (status, counts, reasons, notes), and the dialog that asks
for the district key's passphrase."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFrame, QLabel, QLineEdit, QScrollArea, QVBoxLayout,
                               QWidget)

from dangjian_desktop.gui.widgets import BAD, DUE, GOOD, MUTED, hint_label
from dangjian_desktop.services.exchange import FoundBundle, counts_text, status_text
from dangjian_desktop.sync.receipt import Receipt

CARD = "QFrame#receipt {{ background: white; border: 1px solid #d6d9de; border-left: 5px solid {0}; border-radius: 4px; }}"


def _label(text: str, colour: str | None = None, *, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    style = (f"color: {colour};" if colour else "") + (" font-weight: bold;" if bold else "")
    if style:
        label.setStyleSheet(style)
    return label


class ReceiptCard(QFrame):
    """One file: green when applied or already imported, amber when held, red when refused."""

    def __init__(self, title: str, status: str, colour: str, lines: list[tuple[str, str | None]], *,
                 refused: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("receipt")
        self.setStyleSheet(CARD.format(colour))
        self.refused = refused
        self.title, self.status = title, status
        self.lines = [text for text, _colour in lines]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(3)
        layout.addWidget(_label(f"{title}　{status}", colour, bold=True))
        for text, line_colour in lines:
            layout.addWidget(_label(text, line_colour))

    def text(self) -> str:
        return "\n".join([f"{self.title} {self.status}", *self.lines])


def receipt_card(receipt: Receipt) -> ReceiptCard:
    if receipt.ok:
        colour = GOOD
    elif receipt.status == "held":
        colour = DUE
    else:
        colour = BAD
    lines: list[tuple[str, str | None]] = [
        (QCoreApplication.translate("ReceiptList", "Changes: {0}").format(counts_text(receipt)), None)]
    lines += [(QCoreApplication.translate("ReceiptList", "Reason: {0}").format(reason), BAD)
              for reason in receipt.reasons]
    lines += [(note, MUTED) for note in receipt.notes]
    return ReceiptCard(receipt.file, status_text(receipt), colour, lines, refused=not receipt.ok and
                       receipt.status != "held")


def skipped_card(found: FoundBundle) -> ReceiptCard:
    return ReceiptCard(found.name, QCoreApplication.translate("ReceiptList", "not imported here"), MUTED,
                       [(found.note, MUTED)], refused=False)


class ReceiptList(QScrollArea):
    """The receipts of the last import (or the paths of the last export), newest batch only."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long reasons wrap instead
        self.body = QWidget()
        self.layout_ = QVBoxLayout(self.body)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(6)
        self.summary = _label("", bold=True)
        self.empty = hint_label(self.tr("The receipt of each imported file will show here: what was taken in, "
                                        "what was refused and why."))
        self.layout_.addWidget(self.summary)
        self.layout_.addWidget(self.empty)
        self.layout_.addStretch(1)
        self.setWidget(self.body)
        self.cards: list[ReceiptCard] = []

    def clear(self) -> None:
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        self.summary.setText("")

    def show_cards(self, summary: str, cards: list[ReceiptCard], *, colour: str | None = None) -> None:
        self.clear()
        self.summary.setText(summary)
        self.summary.setStyleSheet(f"color: {colour}; font-weight: bold;" if colour else "font-weight: bold;")
        self.empty.setVisible(not cards)
        for index, card in enumerate(cards):
            self.layout_.insertWidget(1 + index, card)
        self.cards = cards
        self.verticalScrollBar().setValue(0)

    @property
    def refused(self) -> list[ReceiptCard]:
        return [card for card in self.cards if card.refused]


class PassphraseDialog(QDialog):
    """Asks once per session for the passphrase that opens the district's key; kept in memory only."""

    def __init__(self, parent: QWidget | None = None, *, retry: bool = False):
        super().__init__(parent)
        self.setWindowTitle(self.tr("District key passphrase"))
        text = self.tr("The district's key is locked with a passphrase. Type it to sign and open bundles. "
                       "It is kept only until the program is closed.")
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setMinimumWidth(320)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.edit.textChanged.connect(lambda value: self.ok_button.setEnabled(bool(value)))
        layout = QVBoxLayout(self)
        layout.addWidget(_label(text))
        if retry:
            layout.addWidget(_label(self.tr("The passphrase was wrong. Please try again (letters are case-sensitive)."),
                                    BAD))
        layout.addWidget(self.edit)
        layout.addWidget(self.buttons)

    def passphrase(self) -> str:
        return self.edit.text()


def ask_passphrase(parent: QWidget | None, *, retry: bool = False) -> str | None:
    dialog = PassphraseDialog(parent, retry=retry)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.passphrase():
        return None
    return dialog.passphrase()
