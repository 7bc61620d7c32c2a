export default x => x;
