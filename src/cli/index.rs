//! `backgrounder index DIR... --out OUT`: one output folder from the
//! folders that `build --shard K/N` jobs wrote.

use super::{IndexArgs, Outcome};

pub fn run(args: &IndexArgs) -> anyhow::Result<Outcome> {
    let merged = backgrounder::export::merge::merge(&args.inputs, &args.out)?;
    let mut line = format!(
        "merged {} document{} from {} folder{} into {}",
        merged.documents,
        if merged.documents == 1 { "" } else { "s" },
        args.inputs.len(),
        if args.inputs.len() == 1 { "" } else { "s" },
        args.out.display()
    );
    if !merged.manifest {
        line.push_str(
            " (without a build manifest: one input had none, or another build of backgrounder wrote it; the next `build` there exports everything)",
        );
    }
    eprintln!("{line}");
    Ok(Outcome::Clean)
}
