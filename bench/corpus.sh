# shellcheck shell=bash
# The photo corpus of bench/engines, for other bench scripts. Source it (after
# bin/lib.sh); do not run it. `ensure_corpus` fetches it once into
# bench/corpus/photos/ and sets corpus_photos (the directory) and
# corpus_sources (the photos, absolute paths, in MANIFEST order).
#
# The list and the layout are those of bench/engines (same marker in
# photos/.complete), so a corpus fetched by either script serves both.
#
# Photographs only (no renders or paintings), each at least 2000 px on its long edge.
# lomiri-wallpapers-16.04: the Ubuntu 16.04 wallpaper contest photos (EXIF stripped);
# plasma-workspace-wallpapers: the KDE wallpapers whose EXIF names a camera, plus
# three more photographs (EveningGlow, Grey, summer_1am).
corpus_packages=(lomiri-wallpapers-16.04 plasma-workspace-wallpapers)
corpus_files=(
    "lomiri-wallpapers-16.04 usr/share/backgrounds/Bridge_by_Sander_Klootwijk.jpg"
    "lomiri-wallpapers-16.04 usr/share/backgrounds/Dragonfly_by_Bolly.jpg"
    "lomiri-wallpapers-16.04 usr/share/backgrounds/Picture_0B_by_freespace.jpg"
    "lomiri-wallpapers-16.04 usr/share/backgrounds/Wine_by_Jakkub_Mede.jpg"
    "lomiri-wallpapers-16.04 usr/share/backgrounds/aitzgorri_by_Aitzol_Berasategi.jpg"
    "lomiri-wallpapers-16.04 usr/share/backgrounds/analogpattern_by_Peter_Nerlich.jpg"
    "lomiri-wallpapers-16.04 usr/share/backgrounds/free_by_Peter_Nerlich.jpg"
    "lomiri-wallpapers-16.04 usr/share/backgrounds/friends_by_Aitzol_Berasategi.jpg"
    "lomiri-wallpapers-16.04 usr/share/backgrounds/greentock_by_Peter_Nerlich.jpg"
    "lomiri-wallpapers-16.04 usr/share/backgrounds/life_by_Aitzol_Berasategi.jpg"
    "lomiri-wallpapers-16.04 usr/share/backgrounds/picosdeeuropa_by_Aitzol_Berasategi.jpg"
    "lomiri-wallpapers-16.04 usr/share/backgrounds/seeding_by_Clements_Engelhardt.jpg"
    "lomiri-wallpapers-16.04 usr/share/backgrounds/sunset_by_Aitzol_Berasategi.jpg"
)
for corpus_name in BytheWater ColdRipple ColorfulCups DarkestHour EveningGlow FallenLeaf Grey Kite OneStandsOut Path summer_1am; do
    corpus_files+=("plasma-workspace-wallpapers usr/share/wallpapers/$corpus_name/contents/images/2560x1600.jpg")
done
unset corpus_name

# root (the checkout) is set by the caller.
# shellcheck disable=SC2154
corpus_photos=$root/bench/corpus/photos
corpus_id=$(printf '%s\n' "${corpus_files[@]}" | cksum | cut -d ' ' -f 1)

# Fetch the corpus (apt-get download + dpkg-deb -x; needs the packages in the
# apt lists, refreshed first when root). Ends the script on failure.
make_corpus() {
    local work=$root/bench/corpus/download pkg deb entry file target
    ensure_command apt-get apt
    ensure_command dpkg-deb dpkg
    ensure_command vipsheader libvips-tools
    rm -rf "$work" "$corpus_photos"
    mkdir -p "$work" "$corpus_photos"
    for pkg in "${corpus_packages[@]}"; do
        if ! apt-cache show "$pkg" >/dev/null 2>&1; then
            if (( EUID == 0 )); then
                estelle_log "apt-get update (no package list knows $pkg) ..."
                DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 || estelle_die "apt-get update failed"
            fi
            apt-cache show "$pkg" >/dev/null 2>&1 \
                || estelle_die "no package $pkg in the apt lists; run 'sudo apt-get update' and try again"
        fi
        estelle_log "corpus: apt-get download $pkg ..."
        # As root, apt warns that the _apt user cannot write here; the download still works.
        (cd "$work" && apt-get download -q "$pkg" >"$work/apt.log" 2>&1) \
            || { cat "$work/apt.log" >&2; estelle_die "apt-get download $pkg failed"; }
        deb=$(find "$work" -maxdepth 1 -name "${pkg}_*.deb" -print -quit)
        [[ -n $deb ]] || estelle_die "apt-get download $pkg produced no .deb"
        dpkg-deb -x "$deb" "$work/$pkg"
        printf '%s %s\n' "$pkg" "$(dpkg-deb -f "$deb" Version)" >>"$corpus_photos/PACKAGES"
    done
    for entry in "${corpus_files[@]}"; do
        pkg=${entry%% *}
        file=${entry#* }
        [[ -f $work/$pkg/$file ]] || estelle_die "corpus: $pkg no longer ships $file"
        case $pkg in
            plasma-*) target=plasma-$(cut -d / -f 4 <<<"$file")-$(basename "$file") ;;
            *) target=${pkg%%-*}-$(basename "$file") ;;
        esac
        cp "$work/$pkg/$file" "$corpus_photos/$target"
        printf '%s\t%sx%s\t%s\n' "$pkg" "$(vipsheader -f width "$corpus_photos/$target" 2>/dev/null)" \
            "$(vipsheader -f height "$corpus_photos/$target" 2>/dev/null)" "$target" >>"$corpus_photos/MANIFEST"
    done
    rm -rf "$work"
    echo "$corpus_id" >"$corpus_photos/.complete"
}

corpus_complete() {
    [[ $(cat "$corpus_photos/.complete" 2>/dev/null || true) == "$corpus_id" ]]
}

ensure_corpus() {
    local name
    corpus_complete || make_corpus
    corpus_sources=()
    while IFS=$'\t' read -r _ _ name; do corpus_sources+=("$corpus_photos/$name"); done <"$corpus_photos/MANIFEST"
    (( ${#corpus_sources[@]} > 0 )) || estelle_die "the corpus in $corpus_photos is empty"
}
