from django.core.management.base import BaseCommand, CommandError

from claims.evaluation import (
    SetScore,
    evaluate_development,
    evaluate_heldout,
    evaluate_second_development,
    evaluate_seed,
)


class Command(BaseCommand):
    help = (
        "Precision and recall of the intake's candidate sentences and quantities against the "
        "labelled texts: the curated seed, the development texts of data/evaluation/ and "
        "data/evaluation/unseen/, and the held-out texts of data/evaluation/heldout/ (never "
        "tuned on). Lists what it missed. --min-quantity-recall fails (exit 1) when the "
        "held-out texts' quantity recall is below a floor."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-quantity-recall",
            type=float,
            default=None,
            metavar="SHARE",
            help="fail when the held-out texts' quantity recall is below SHARE (0 to 1)",
        )

    def handle(self, *args, min_quantity_recall=None, **options):
        sets = [
            evaluate_seed(),
            evaluate_development(),
            evaluate_second_development(),
            evaluate_heldout(),
        ]
        self.stdout.write(
            f"{'set':<34} {'sentences P':>11} {'R':>6}  {'quantities P':>12} {'R':>6}"
        )
        for scored in sets:
            self._row(scored.name, scored)
            if len(scored.texts) > 1:
                for text in scored.texts:
                    self._row(f"  {text.name}", SetScore(text.name, [text]))
        for scored in sets:
            for text in scored.texts:
                for miss in text.missed:
                    self.stdout.write(f"missed  {text.name}: {miss}")
        heldout = sets[-1]
        if min_quantity_recall is not None and heldout.quantity_recall < min_quantity_recall:
            raise CommandError(
                f"evaluate_extraction: held-out quantity recall {heldout.quantity_recall:.0%} "
                f"is below {min_quantity_recall:.0%}."
            )

    def _row(self, name: str, scored: SetScore) -> None:
        def share(part: str, whole: str) -> str:
            return f"({scored.total(part)}/{scored.total(whole)})"

        self.stdout.write(
            f"{name[:34]:<34} {scored.sentence_precision:>11.0%} {scored.sentence_recall:>6.0%}"
            f"  {scored.quantity_precision:>12.0%} {scored.quantity_recall:>6.0%} "
            f"{share('found_quantities', 'labelled_quantities')}"
        )
