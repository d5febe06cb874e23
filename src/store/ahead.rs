//! Reading ahead on the machine's other cores: months of a long journal are parsed in
//! parallel, and handed on strictly in order, so that a summary over years takes the time
//! of parsing it spread over every core, not of parsing it on one.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::error::Result;

/// How many items a helper may have finished and waiting to be consumed, each; bounds the
/// memory a fast helper can hold while `consume` is slow.
const WAITING_PER_HELPER: usize = 4;

/// Calls `consume(map(item))` for every item, in order, stopping at the first error.
/// `map` runs on this thread and on up to `helpers` others, each taking the next item not
/// yet taken; this thread maps items itself whenever the one it needs next is not ready.
pub fn map_in_order<T, R>(
    items: &[T],
    helpers: usize,
    map: impl Fn(&T) -> R + Sync,
    mut consume: impl FnMut(R) -> Result<()>,
) -> Result<()>
where
    T: Sync,
    R: Send,
{
    let helpers = helpers.min(items.len().saturating_sub(1));
    if helpers == 0 {
        return items.iter().try_for_each(|item| consume(map(item)));
    }
    let next = AtomicUsize::new(0);
    let take = || Some(next.fetch_add(1, Ordering::Relaxed)).filter(|&i| i < items.len());
    std::thread::scope(|scope| {
        let (done, finished) = mpsc::sync_channel(helpers * WAITING_PER_HELPER);
        for _ in 0..helpers {
            let done = done.clone();
            let (take, map) = (&take, &map);
            // A helper stops when the items run out or this thread stops listening.
            scope.spawn(move || {
                while let Some(i) = take() {
                    if done.send((i, map(&items[i]))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done);
        let mut ready = BTreeMap::new();
        let result = (0..items.len()).try_for_each(|wanted| {
            let value = loop {
                if let Some(value) = ready.remove(&wanted) {
                    break value;
                }
                ready.extend(finished.try_iter());
                if ready.contains_key(&wanted) {
                    continue;
                }
                match take() {
                    Some(i) => {
                        ready.insert(i, map(&items[i]));
                    }
                    // Every item is taken and the wanted one is still being mapped.
                    None => {
                        let (i, value) = finished.recv().expect("a helper maps every item it takes");
                        ready.insert(i, value);
                    }
                }
            };
            consume(value)
        });
        // On an error, helpers stop taking items; dropping `finished` frees any waiting to send.
        next.store(items.len(), Ordering::Relaxed);
        drop(finished);
        result
    })
}

/// How many other threads to read with: none on one core, and a few at most, as reading
/// files stops scaling long before the cores run out.
pub fn helpers() -> usize {
    std::thread::available_parallelism().map_or(0, |n| n.get().min(4) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn consumes_every_item_in_order_whatever_the_helpers() {
        let items: Vec<u64> = (0..200).collect();
        for helpers in [0, 1, 3, 8] {
            let mut seen = Vec::new();
            map_in_order(
                &items,
                helpers,
                |n| n * n,
                |square| {
                    seen.push(square);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(seen, items.iter().map(|n| n * n).collect::<Vec<_>>(), "{helpers} helpers");
        }
    }

    #[test]
    fn stops_at_the_first_error() {
        let items: Vec<u32> = (0..100).collect();
        let mut seen = Vec::new();
        let result = map_in_order(
            &items,
            2,
            |&n| n,
            |n| {
                if n == 10 {
                    return Err(Error::failure("stop".to_string()));
                }
                seen.push(n);
                Ok(())
            },
        );
        assert!(result.is_err());
        assert_eq!(seen, (0..10).collect::<Vec<_>>());
    }

    #[test]
    fn no_items_is_nothing_to_do() {
        let mut calls = 0;
        map_in_order(
            &[] as &[u8],
            3,
            |_| (),
            |()| {
                calls += 1;
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(calls, 0);
    }
}
